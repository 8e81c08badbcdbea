module example.com/loose

go 1.22
