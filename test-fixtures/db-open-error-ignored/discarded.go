package store

import (
	"database/sql"
	"fmt"
)

func Open(dsn string) (*sql.DB, error) {
	db, _ := sql.Open("mysql", dsn) // want "db-open-error-ignored"
	fmt.Println("opened")
	return db, nil
}

func MustOpen(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) // want "db-open-error-ignored"
	return db
}

func Count(dsn string) (int, string, error) {
	var db *sql.DB
	db, _ = sql.Open("mysql", dsn) // want "db-open-error-ignored"
	_ = db
	return 0, "", nil
}

func Discard(dsn string) {
	sql.Open("mysql", dsn) // want "db-open-error-ignored"
}

var global, _ = sql.Open("mysql", "") // want "db-open-error-ignored"
