// Package importer loads contact files in bulk.
package importer

import (
	"context"
	"database/sql"
	"time"

	"example.com/crm/internal/core"
)

func Start(db *sql.DB, c *core.Core) {
	go func() {
		for range time.Tick(time.Hour) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			_, _ = db.ExecContext(ctx, `DELETE FROM staging_contacts`)
			_ = c.Save(ctx, "imported")
			cancel()
		}
	}()
}
