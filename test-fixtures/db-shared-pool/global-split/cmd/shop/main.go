// Command shop starts the service.
package main

import (
	"log"
	"os"

	"example.com/shop/internal/coupon"
	"example.com/shop/internal/store"
)

func main() {
	if err := store.Init(os.Getenv("SHOP_DSN")); err != nil {
		log.Fatal(err)
	}
	batcher := coupon.NewBatcher(store.DB)
	log.Println(batcher, store.DB.Stats().OpenConnections)
}
