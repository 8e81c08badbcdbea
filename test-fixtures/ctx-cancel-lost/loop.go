package catalog

import (
	"context"
	"time"
)

func fetch(ctx context.Context, id string) error { return ctx.Err() }

// A defer in this loop would pile up until Refresh returns: cancel at the end of each iteration.
func Refresh(parent context.Context, ids []string) {
	for _, id := range ids {
		ctx, _ := context.WithTimeout(parent, 800*time.Millisecond) // want "ctx-cancel-lost"
		_ = fetch(ctx, id)
	}
}

func RefreshAll(parent context.Context, ids []string) error {
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(parent, 800*time.Millisecond) // want "ctx-cancel-lost"
		if err := fetch(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
