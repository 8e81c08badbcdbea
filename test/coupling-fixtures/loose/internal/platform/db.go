// Package platform opens database handles; each domain gets its own pool.
package platform

import (
	"database/sql"
	"time"
)

// OpenPool opens one bounded pool.
func OpenPool(dsn string, maxOpen int) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxOpen)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, nil
}
