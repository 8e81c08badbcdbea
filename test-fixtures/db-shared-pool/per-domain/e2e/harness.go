// Package e2e drives the domains against one throwaway database in end-to-end runs.
package e2e

import (
	"database/sql"

	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

// Harness holds the repositories under test.
type Harness struct {
	Users  *user.Repo
	Orders *order.Repo
}

// New wires both domains to the test database.
func New(db *sql.DB) *Harness {
	users := user.NewRepo(db)
	return &Harness{Users: users, Orders: order.NewRepo(db, users)}
}
