// Package platform opens the process's one pool.
package platform

import (
	"database/sql"
	"time"
)

var DB *sql.DB // want "db-shared-pool"

func Open(dsn string) error {
	var err error
	DB, err = sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	DB.SetMaxOpenConns(20)
	DB.SetConnMaxLifetime(30 * time.Minute)
	return nil
}
