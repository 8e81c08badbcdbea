module example.com/shop

go 1.21

require example.com/platform v0.0.0
