// Command api wires one pool to the business packages, two front-ends and the support code.
package main

import (
	"database/sql"
	"log"
	"time"

	"example.com/shop/api/admin"
	"example.com/shop/api/app"
	"example.com/shop/business/domain/productbus"
	"example.com/shop/business/domain/userbus"
	"example.com/shop/internal/health"
	"example.com/shop/internal/initialize"
	"example.com/shop/internal/metrics"
)

func main() {
	db, err := sql.Open("postgres", "") // want "db-shared-pool"
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	initialize.Register(db)
	users := userbus.New(db)
	products := productbus.New(db)
	admin.Serve(db, users)
	app.Serve(db, products)
	metrics.Collect(db)
	health.Ready(db)
}
