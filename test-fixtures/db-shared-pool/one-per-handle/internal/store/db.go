// Package store holds the one pool every domain queries: one finding, however many places use it.
package store

import "database/sql"

var DB *sql.DB // want "db-shared-pool"
