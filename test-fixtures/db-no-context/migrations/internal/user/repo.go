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
