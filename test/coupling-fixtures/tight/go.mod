module example.com/tight

go 1.22
