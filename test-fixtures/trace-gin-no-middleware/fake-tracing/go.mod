module example.com/coupons

go 1.22
