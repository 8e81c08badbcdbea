// Package dbtest starts throwaway databases for tests: local DSNs are its job.
package dbtest

import "database/sql"

func Open() (*sql.DB, error) {
	return sql.Open("postgres", "postgres://test:test@localhost:5432/test?sslmode=disable")
}
