// Package migrate brings the schema up to date at start-up; it is tooling, not a domain.
package migrate

import "database/sql"

// Up applies pending migrations on db.
func Up(db *sql.DB) error {
	_, err := db.Exec("CREATE TABLE IF NOT EXISTS schema_version (v INT)")
	return err
}
