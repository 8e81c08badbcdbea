package user

import "example.com/shop/store"

// Count asks the shared pool from another package, with no context.
func Count() (int, error) {
	var n int
	err := store.DB.QueryRow(`SELECT count(*) FROM users`).Scan(&n) // want "db-no-context"
	return n, err
}
