// Package metrics reads pool statistics; it is support code, not a domain.
package metrics

import (
	"context"
	"database/sql"
)

func Collect(db *sql.DB) {
	_ = db.Stats()
	_, _ = db.QueryContext(context.Background(), `SELECT 1`)
}
