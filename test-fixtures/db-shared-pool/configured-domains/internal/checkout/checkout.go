// Package checkout is part of a domain only the configuration knows.
package checkout

import "database/sql"

// Repo reads and writes checkout rows.
type Repo struct{ db *sql.DB }

// New returns a Repo over db.
func New(db *sql.DB) *Repo { return &Repo{db: db} }
