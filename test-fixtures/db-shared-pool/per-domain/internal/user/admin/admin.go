// Package admin serves the account admin pages, part of the user domain.
package admin

import "database/sql"

// Pages serves the admin pages.
type Pages struct{ db *sql.DB }

// New returns the admin pages over the user domain's pool.
func New(db *sql.DB) *Pages { return &Pages{db: db} }
