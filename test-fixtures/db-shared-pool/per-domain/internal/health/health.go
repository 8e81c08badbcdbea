// Package health answers the load balancer's probes.
package health

import "database/sql"

// Checker pings the database.
type Checker struct{ db *sql.DB }

// New returns a Checker for db.
func New(db *sql.DB) *Checker { return &Checker{db: db} }
