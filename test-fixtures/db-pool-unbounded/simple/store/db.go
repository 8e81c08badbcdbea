package store

import (
	"database/sql"
	"fmt"
)

// Open returns the shop's only pool: every module's queries share it.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn) // want "db-pool-unbounded"
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return db, nil
}
