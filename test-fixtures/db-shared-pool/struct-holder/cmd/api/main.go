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
	st, err := platform.New(os.Getenv("DATABASE_URL")) // want "db-shared-pool"
	if err != nil {
		log.Fatal(err)
	}

	users := user.NewService(st, shared, cfg) // want "db-shared-pool"
	orders := &order.Service{
		Store: st, // want "db-shared-pool"
		Cache: shared,
	}
	coupons := coupon.New(st.DB) // want "db-shared-pool"
	log.Println(users, orders, coupons, cfg.Addr)
}
