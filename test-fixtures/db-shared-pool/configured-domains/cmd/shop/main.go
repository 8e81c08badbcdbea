// Command shop gives the order domain (cart and checkout) one pool and nobody else.
package main

import (
	"database/sql"
	"log"
	"os"

	"example.com/shop/internal/cart"
	"example.com/shop/internal/checkout"
	"example.com/shop/internal/profile"
)

func main() {
	orderPool, err := sql.Open("mysql", os.Getenv("ORDER_DSN"))
	if err != nil {
		log.Fatal(err)
	}
	orderPool.SetMaxOpenConns(15)
	carts := cart.New(orderPool)
	checkouts := checkout.New(orderPool)

	accounts, err := sql.Open("mysql", os.Getenv("ACCOUNT_DSN")) // want "db-shared-pool"
	if err != nil {
		log.Fatal(err)
	}
	profiles := profile.New(accounts)

	audit := checkout.New(accounts)

	log.Println(carts, checkouts, profiles, audit)
}
