package main

import (
	"log"
	"os"

	"example.com/loose/internal/coupon"
	"example.com/loose/internal/order"
	"example.com/loose/internal/platform"
	"example.com/loose/internal/user"
)

func main() {
	userDB, err := platform.OpenPool(os.Getenv("USER_DSN"), 10)
	if err != nil {
		log.Fatal(err)
	}
	orderDB, err := platform.OpenPool(os.Getenv("ORDER_DSN"), 10)
	if err != nil {
		log.Fatal(err)
	}
	couponDB, err := platform.OpenPool(os.Getenv("COUPON_DSN"), 5)
	if err != nil {
		log.Fatal(err)
	}
	users := user.NewRepo(userDB)
	orders := order.NewService(orderDB, users)
	coupons := coupon.NewService(couponDB)
	_, _, _ = users, orders, coupons
}
