// Command shop gives every domain a pool of its own.
package main

import (
	"log"
	"os"

	"example.com/shop/internal/db"
	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
	"example.com/shop/internal/user/admin"
)

func main() {
	userDB, err := db.Open(os.Getenv("USER_DSN"), 10)
	if err != nil {
		log.Fatal(err)
	}
	orderDB, err := db.Open(os.Getenv("ORDER_DSN"), 15)
	if err != nil {
		log.Fatal(err)
	}
	users := user.NewRepo(userDB)
	orders := order.NewRepo(orderDB, users)
	pages := admin.New(userDB)
	log.Println(users, orders, pages)
}
