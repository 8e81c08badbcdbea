package user

import "database/sql"

// Backfill runs DDL outside migration code: the statement says it is schema work.
func Backfill(db *sql.DB) error {
	_, err := db.Exec(`CREATE INDEX users_email ON users (email)`) // want "db-no-context"
	return err
}

// Count is request-path code: a warning with a timeout fix.
func Count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow(`SELECT count(*) FROM users`).Scan(&n) // want "db-no-context"
	return n, err
}

// IsSchemaUpToDate is the check that decides whether to migrate: part of the schema tooling, whatever the file.
func IsSchemaUpToDate(conn *sql.DB, latest int) (bool, error) {
	var version int
	err := conn.QueryRow(`SELECT version FROM schema_version`).Scan(&version) // want "db-no-context"
	return version == latest, err
}
