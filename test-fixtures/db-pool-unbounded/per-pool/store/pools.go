package store

import (
	"database/sql"

	"github.com/jmoiron/sqlx"
)

var (
	Primary *sql.DB
	Reports *sql.DB
	Wrapped *sqlx.DB
)

// Open opens two pools; only Primary is bounded (in another function of the package).
func Open(dsn string) error {
	var err error
	if Primary, err = sql.Open("mysql", dsn); err != nil {
		return err
	}
	if Reports, err = sql.Open("mysql", dsn); err != nil { // want "db-pool-unbounded"
		return err
	}
	// NewDb wraps the bounded Primary pool: it opens no pool of its own.
	Wrapped = sqlx.NewDb(Primary, "mysql")
	return nil
}
