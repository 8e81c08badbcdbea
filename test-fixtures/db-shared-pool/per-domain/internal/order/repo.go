// Package order places orders.
package order

import (
	"database/sql"

	"example.com/shop/internal/db"
	"example.com/shop/internal/user"
)

// Repo writes orders.
type Repo struct {
	db    *sql.DB
	users *user.Repo
}

// NewRepo returns a Repo over its own pool; users is a collaborator, not a pool.
func NewRepo(pool *sql.DB, users *user.Repo) *Repo {
	return &Repo{db: pool, users: users}
}

// Legacy reaches the gorm handle, which only this domain uses.
func Legacy() bool {
	return db.Gorm != nil
}

// Migrate creates the order tables.
func Migrate(pool *sql.DB) error {
	_, err := pool.Exec("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY)")
	return err
}
