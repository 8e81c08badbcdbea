// Package health answers readiness checks.
package health

import (
	"context"
	"database/sql"
)

func Ready(db *sql.DB) error {
	return db.PingContext(context.Background())
}
