package main

import (
	stdsql "database/sql"

	"github.com/jmoiron/sqlx"
)

func main() {
	db, _ := stdsql.Open("mysql", "dsn") // want "db-open-error-ignored"
	x, _ := sqlx.Connect("mysql", "dsn") // want "db-open-error-ignored"
	_, _ = db, x
}
