package store

import (
	"database/sql"
	"fmt"
	"os"
)

const dbHost = "10.0.3.21"

// Assembled from literal parts: the same hard-coded credentials as a literal DSN.
func Open() (*sql.DB, error) {
	dsn := fmt.Sprintf("postgres://%s:%s@%s:%d/orders?sslmode=disable", "orders", "0rd3rs!", dbHost, 5432) // want "config-hardcoded-dsn"
	return sql.Open("postgres", dsn)
}

func OpenReports() (*sql.DB, error) {
	return sql.Open("mysql", fmt.Sprintf("report:%s@tcp(%s:3306)/reports", "r3p0rt", "reports-dev")) // want "config-hardcoded-dsn"
}

// Only the shape is literal: user, password and host come from the environment.
func OpenFromEnv() (*sql.DB, error) {
	dsn := fmt.Sprintf("postgres://%s:%s@%s/app", os.Getenv("DB_USER"), os.Getenv("DB_PASSWORD"), os.Getenv("DB_HOST"))
	return sql.Open("postgres", dsn)
}

func Describe(name string) string {
	return fmt.Sprintf("database %s", name)
}
