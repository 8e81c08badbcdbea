// Package user owns accounts; its handle is its own, but other domains reach into it.
package user

import "database/sql"

// Accounts is the user domain's package-level handle; order reaches into it.
var Accounts *sql.DB // want "db-shared-pool"

// Count reads through the domain's own handle: no finding here.
func Count() (int, error) {
	var n int
	err := Accounts.QueryRow("SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}

// ErrUnknown is an exported value other domains may share freely.
var ErrUnknown = sql.ErrNoRows
