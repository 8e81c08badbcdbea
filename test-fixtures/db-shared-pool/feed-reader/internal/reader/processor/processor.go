package processor

import (
	"context"

	"example.com/rss/internal/storage"
)

func ProcessFeed(ctx context.Context, store *storage.Storage, feedID int64) {
	_ = store.RefreshFeed(ctx, feedID)
}
