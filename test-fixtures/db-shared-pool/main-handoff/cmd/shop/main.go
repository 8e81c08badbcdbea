// Command shop wires every domain to one database handle: the shape the rule exists for.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"

	"example.com/shop/internal/coupon"
	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

func main() {
	db, err := sql.Open("mysql", os.Getenv("SHOP_DSN")) // want "db-shared-pool"
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	db.SetMaxOpenConns(20)
	defer db.Close()

	users := user.NewRepo(db)

	orders := order.NewService(db, users)

	coupons := &coupon.Service{DB: db}

	mux := http.NewServeMux()
	mux.Handle("/users/", users)
	mux.Handle("/orders/", orders)
	mux.Handle("/coupons/", coupons)
	log.Fatal(http.ListenAndServe(":8080", mux))
}
