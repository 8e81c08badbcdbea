// Package store opens the database once for the whole service.
package store

import (
	"database/sql"
	"net/http"
	"time"
)

// DB is the one pool every package reaches for.
var DB *sql.DB // want "db-shared-pool"

// Version is exported too, but it is no handle.
var Version = "2024.1"

// Client is shared by every domain, but it is an HTTP client, not a database pool.
var Client = &http.Client{Timeout: 2 * time.Second}

var reports *sql.DB

// Init opens DB.
func Init(dsn string) error {
	var err error
	DB, err = sql.Open("mysql", dsn)
	if err != nil {
		return err
	}
	DB.SetMaxOpenConns(20)
	return nil
}

// Conn hands out DB to callers that prefer a function.
func Conn() *sql.DB {
	return DB
}

// Reports is the reporting replica; only the report domain uses it.
func Reports() *sql.DB {
	return reports
}
