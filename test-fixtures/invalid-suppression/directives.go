package store

import "database/sql"

func Open(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //go-traps:ignore db-open-error-ignored the DSN is validated by the config loader
	return db
}

func OpenNoReason(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //go-traps:ignore db-open-error-ignored
	// want-above "invalid-suppression" "db-open-error-ignored"
	return db
}

func OpenPlaceholder(dsn string) *sql.DB {
	//go-traps:ignore db-open-error-ignored TODO: say why this trap is acceptable here
	// want-above "invalid-suppression"
	db, _ := sql.Open("mysql", dsn) // want "db-open-error-ignored"
	return db
}

func OpenAngleBrackets(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //go-traps:ignore db-open-error-ignored <reason>
	// want-above "invalid-suppression" "db-open-error-ignored"
	return db
}

func OpenAbove(dsn string) *sql.DB {
	//go-traps:ignore db-open-error-ignored checked by the caller's health probe
	db, _ := sql.Open("mysql", dsn)
	return db
}

func Unused() {
	//go-traps:ignore db-open-error-ignored nothing to silence here
	// want-above "invalid-suppression"
	println("no database")
}

func Unknown() {
	println("x") //go-traps:ignore no-such-rule because
	// want-above "invalid-suppression"
}

func Nolint(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //nolint:db-open-error-ignored
	return db
}

func NolintAll(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //nolint:go-traps
	return db
}

func NolintOtherLinter(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) //nolint:errcheck // want "db-open-error-ignored"
	return db
}

const notADirective = "//go-traps:ignore db-open-error-ignored"
