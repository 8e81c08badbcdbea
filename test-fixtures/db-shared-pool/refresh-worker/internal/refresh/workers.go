// Package refresh rebuilds the feed caches in a pool of background workers.
package refresh

import (
	"context"
	"time"

	"example.com/feed/internal/platform"
)

func Start(ctx context.Context, workers int) {
	for i := 0; i < workers; i++ {
		go run(ctx)
	}
}

func run(ctx context.Context) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			rebuild(ctx)
		}
	}
}

func rebuild(ctx context.Context) {
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	_, _ = platform.DB.ExecContext(tctx, `REFRESH MATERIALIZED VIEW feed_items`)
}
