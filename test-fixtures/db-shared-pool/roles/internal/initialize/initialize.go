// Package initialize registers what the process needs at start-up.
package initialize

import (
	"context"
	"database/sql"
)

func Register(db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), `SELECT 1`)
}
