module example.com/goadmin

go 1.21
