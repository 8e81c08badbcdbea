// Package store opens database connections for the rest of the service.
package store

import (
	"database/sql"
	"fmt"

	_ "github.com/go-sql-driver/mysql"
)

// Replica is the read replica the reports query; main opens it with OpenReplica.
var Replica *sql.DB

// Open connects to the primary database.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, fmt.Errorf("open primary: %w", err)
	}
	return db, nil
}

// OpenReplica connects to the read replica used by reports.
func OpenReplica(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn)
	return db
}
