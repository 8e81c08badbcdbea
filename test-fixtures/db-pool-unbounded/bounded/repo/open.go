package repo

import "database/sql"

// Open hands the pool to its caller, which bounds it (see cmd/api).
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("mysql", dsn)
}
