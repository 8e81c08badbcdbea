// Package store holds the service's database handle.
package store

import "database/sql"

var (
	// DB is opened by Init and used by every domain.
	DB *sql.DB // want "db-shared-pool"

	// Driver names the database/sql driver.
	Driver = "mysql"
)
