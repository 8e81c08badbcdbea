// Package db is a module of its own that every service of the workspace links against.
package db

import (
	"database/sql"
	"time"
)

// Pool is opened once and used by whoever imports the module.
var Pool *sql.DB // want "db-shared-pool"

func Open(dsn string) error {
	var err error
	Pool, err = sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	Pool.SetMaxOpenConns(20)
	Pool.SetConnMaxLifetime(30 * time.Minute)
	return nil
}
