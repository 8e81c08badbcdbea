package main

import (
	"database/sql"
	"log"
	"os"
	"time"

	"example.com/shop/repo"
)

func main() {
	f, err := os.Open("config.json")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	db, err := sql.Open("mysql", os.Getenv("DSN"))
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(30)
	db.SetConnMaxLifetime(time.Hour)

	orders, err := repo.Open(os.Getenv("ORDERS_DSN"))
	if err != nil {
		log.Fatal(err)
	}
	orders.SetMaxOpenConns(10)
	orders.SetConnMaxLifetime(30 * time.Minute)
}
