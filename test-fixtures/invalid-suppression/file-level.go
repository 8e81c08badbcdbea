// Package legacy is frozen until the rewrite; its traps are known.
//
//go-traps:ignore-file db-open-error-ignored
package legacy

import "database/sql"

func Open(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn)
	return db
}
