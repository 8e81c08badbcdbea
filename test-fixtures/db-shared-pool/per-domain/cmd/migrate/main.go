// Command migrate creates every domain's tables once, on one short-lived handle.
package main

import (
	"database/sql"
	"log"
	"os"

	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

func main() {
	db, err := sql.Open("mysql", os.Getenv("MIGRATE_DSN"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := user.Migrate(db); err != nil {
		log.Fatal(err)
	}
	if err := order.Migrate(db); err != nil {
		log.Fatal(err)
	}
}
