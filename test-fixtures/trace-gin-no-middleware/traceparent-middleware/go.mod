module example.com/meta

go 1.21
