package config

import (
	"database/sql"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

const ordersDSN = "orders:S3cret!@tcp(orders-db.prod.internal:3306)/orders?parseTime=true" // want "config-hardcoded-dsn"

var reportingURL = "postgres://report:hunter2@reporting.example.com:5432/reports?sslmode=require" // want "config-hardcoded-dsn"

// OpenPayments was pointed at the dev database "for a quick test" and shipped that way.
func OpenPayments() (*sql.DB, error) {
	return sql.Open("mysql", "pay:pay123@tcp(dev-db:3306)/payments") // want "config-hardcoded-dsn"
}

func OpenLegacy() (*gorm.DB, error) {
	return gorm.Open(postgres.Open("host=localhost port=5432 user=app password=app dbname=legacy sslmode=disable"), &gorm.Config{}) // want "config-hardcoded-dsn"
}

func OpenAudit() (*sql.DB, error) {
	return sql.Open("postgres", `postgres://audit@db.staging.internal/audit`) // want "config-hardcoded-dsn"
}

var migrateURL = "mysql://migrate:m1grate@tcp(localhost:3306)/shop" // want "config-hardcoded-dsn"
