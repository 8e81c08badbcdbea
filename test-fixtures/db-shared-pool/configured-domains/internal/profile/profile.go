// Package profile is part of a domain only the configuration knows.
package profile

import "database/sql"

// Repo reads and writes profile rows.
type Repo struct{ db *sql.DB }

// New returns a Repo over db.
func New(db *sql.DB) *Repo { return &Repo{db: db} }
