// Command shop gives every domain a pool of its own.
package main

import (
	"log"
	"os"

	"example.com/shop/internal/billing"
	"example.com/shop/internal/db"
	"example.com/shop/internal/health"
	"example.com/shop/internal/migrate"
	"example.com/shop/internal/order"
	"example.com/shop/internal/tracking"
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
	// Tooling and probes on the order pool are not a second domain.
	if err := migrate.Up(orderDB); err != nil {
		log.Fatal(err)
	}
	probe := health.New(orderDB)

	users := user.NewRepo(userDB)
	orders := order.NewRepo(orderDB, users)
	pages := admin.New(userDB)

	// Other domains get the order domain's API, which keeps its pool to itself.
	invoices := billing.New(orders)
	feed := tracking.New(orders)
	log.Println(users, orders, pages, probe, invoices, feed)
}
