// Package store holds the one database handle every domain reaches into.
package store

import (
	"database/sql"
	"time"
)

// DB is shared by user, order and coupon.
var DB *sql.DB

// Open connects the shared handle.
func Open(dsn string) error {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	DB = db
	return nil
}
