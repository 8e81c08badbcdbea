package migrations

import "database/sql"

// Up creates the users table: schema work, reported as information and never given a timeout.
func Up(db *sql.DB) error {
	_, err := db.Exec(`CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT)`) // want "db-no-context"
	return err
}
