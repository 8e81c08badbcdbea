// Package admin is the user domain's admin pages.
package admin

import "database/sql"

// Pages serves the pages.
type Pages struct{ db *sql.DB }

// New returns Pages over db.
func New(db *sql.DB) *Pages { return &Pages{db: db} }
