package user

import "database/sql"

// Migrate adds a column at start-up.
func Migrate(db *sql.DB) error {
	_, err := db.Exec(`ALTER TABLE users ADD COLUMN last_login TIMESTAMP`) // want "db-no-context"
	return err
}
