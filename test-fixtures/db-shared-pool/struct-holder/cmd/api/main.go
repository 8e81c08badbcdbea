// Command api serves the shop API.
package main

import (
	"log"
	"os"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/coupon"
	"example.com/shop/internal/order"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/user"
)

func main() {
	cfg := platform.Config{Addr: ":8080"}
	shared := cache.New()
	st, err := platform.New(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}

	users := user.NewService(st, shared, cfg)
	orders := &order.Service{
		Store: st,
		Cache: shared,
	}
	coupons := coupon.New(st.DB)
	log.Println(users, orders, coupons, cfg.Addr)
}
