// Package sqlx stands for the library's own source: its no-context API wraps the context-taking one.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

// Get is the library's no-context API: Background here is the point (its callers are db-no-context's).
func (db *DB) Get(dest interface{}, query string) error {
	return db.GetContext(context.Background(), dest, query)
}

func (db *DB) GetContext(ctx context.Context, dest interface{}, query string) error {
	return db.QueryRowContext(ctx, query).Scan(dest)
}

// Count is a function of the package, not a method of the handle: its query never expires.
func Count(db *DB) (int, error) {
	var n int
	err := db.GetContext(context.Background(), &n, "SELECT count(*) FROM users") // want "db-context-no-deadline"
	return n, err
}
