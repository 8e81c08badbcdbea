// Package wiring builds the user domain's pieces and, by habit, lends its pool to the order domain.
package wiring

import (
	"database/sql"

	"example.com/shop/internal/order"
	"example.com/shop/internal/user/admin"
)

// Wire builds the user admin pages and, wrongly, the order repository on the user pool.
func Wire(dsn string) (*admin.Pages, *order.Repo, error) {
	db, err := sql.Open("postgres", dsn) // want "db-shared-pool"
	if err != nil {
		return nil, nil, err
	}

	pages := admin.New(db)
	orders := order.NewRepo(db)
	return pages, orders, nil
}
