// Package platform holds the plumbing every domain is built on.
package platform

import (
	"database/sql"
	"time"
)

// Store bundles the database handle with the query timeout the service uses.
type Store struct {
	DB      *sql.DB
	Timeout time.Duration
}

// New opens the database behind a Store.
func New(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn) // want "db-shared-pool"
	if err != nil {
		return nil, err
	}
	return &Store{DB: db, Timeout: 800 * time.Millisecond}, nil
}

// Config is settings only: sharing it across domains is harmless.
type Config struct {
	Addr string
}
