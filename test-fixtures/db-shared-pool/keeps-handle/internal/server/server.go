// Package server wires the HTTP routes to the domains.
package server

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/jmoiron/sqlx"

	"example.com/shop/internal/coupon"
	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

// Run connects to the database and serves until the listener fails.
func Run(dsn string) error {
	db, err := sqlx.Connect("mysql", dsn) // want "db-shared-pool"
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}

	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			http.Error(w, "database down", http.StatusServiceUnavailable)
		}
	})

	http.Handle("/users", user.NewHandler(db))

	http.Handle("/orders", order.NewHandler(db))

	return http.ListenAndServe(":8080", nil)
}

// Mount adds the coupon and legacy user routes; its caller decides which pool they get.
func Mount(mux *http.ServeMux, db *sql.DB) { // want "db-shared-pool"
	mux.Handle("/coupons", coupon.NewLegacyHandler(db))

	mux.Handle("/users/v1", user.NewLegacyHandler(db))
}
