// Package user owns accounts.
package user

import "database/sql"

// Repo reads accounts.
type Repo struct{ db *sql.DB }

// NewRepo returns a Repo over db.
func NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }

// Audit exposes the handle to the user domain's own audit job.
func (r *Repo) Audit() *sql.DB { return r.db }

// Migrate creates the user tables.
func Migrate(db *sql.DB) error {
	_, err := db.Exec("CREATE TABLE IF NOT EXISTS users (id BIGINT PRIMARY KEY)")
	return err
}
