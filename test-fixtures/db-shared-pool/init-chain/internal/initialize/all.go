// Package initialize builds every component on the handle it is given.
package initialize

import (
	"database/sql"

	"example.com/crm/internal/auth"
	"example.com/crm/internal/core"
	"example.com/crm/internal/importer"
)

func All(db *sql.DB) {
	c := core.New(db)
	importer.Start(db, c)
	auth.Mount(db)
}
