package config

import (
	"database/sql"
	"log"
)

const defaultDSN = "postgres://postgres:postgres@localhost:5432/postgres?sslmode=disable"

// The default is only recognised, to warn about it: it configures nothing.
func Check(dsn string) {
	if dsn == defaultDSN {
		log.Print("DATABASE_URL is the development default")
	}
	if dsn != "mysql://root:root@tcp(localhost:3306)/app" {
		return
	}
	switch dsn {
	case "postgres://app:app@127.0.0.1/app":
		log.Print("local database")
	}
}

const fallbackDSN = "postgres://app:app@localhost:5432/app" // want "config-hardcoded-dsn"

// Compared and also used: the literal does configure a connection.
func Open(dsn string) (*sql.DB, error) {
	if dsn == fallbackDSN {
		log.Print("using the fallback")
	}
	return sql.Open("postgres", fallbackDSN)
}
