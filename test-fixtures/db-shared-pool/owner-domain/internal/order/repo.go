// Package order stores orders.
package order

import (
	"database/sql"

	"example.com/shop/internal/user"
)

// Repo stores orders.
type Repo struct{ db *sql.DB }

// NewRepo returns a Repo over db.
func NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }

// Buyers reads the user domain's table through the user domain's pool.
func Buyers() (*sql.Rows, error) {
	return user.Accounts.Query("SELECT id FROM users WHERE has_orders")
}
