// Package dbtest is a test harness: sharing a pool there costs nothing in production.
package dbtest

import (
	"context"
	"database/sql"
)

func Reset(db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), `TRUNCATE users`)
}
