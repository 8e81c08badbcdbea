module example.com/wizard

go 1.19
