// Package db opens pools; every call opens a new one, so nothing is shared.
package db

import (
	"database/sql"
	"time"

	"gorm.io/gorm"
)

// Open returns a new bounded pool for one domain.
func Open(dsn string, maxOpen int) (*sql.DB, error) {
	pool, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(maxOpen)
	pool.SetConnMaxLifetime(30 * time.Minute)
	return pool, nil
}

// Gorm is only ever used by the order domain.
var Gorm *gorm.DB
