// Package worker refreshes feeds in the background, many at a time.
package worker

import (
	"context"

	"example.com/rss/internal/reader/processor"
	"example.com/rss/internal/storage"
)

type Pool struct{ queue chan int64 }

func NewPool(ctx context.Context, store *storage.Storage, workers int) *Pool {
	p := &Pool{queue: make(chan int64)}
	for i := 0; i < workers; i++ {
		go func() {
			for id := range p.queue {
				processor.ProcessFeed(ctx, store, id)
			}
		}()
	}
	return p
}
