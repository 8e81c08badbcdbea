package pricing

import (
	"context"
	"time"
)

type quote struct{ sku string }

func price(ctx context.Context, q quote) error { return ctx.Err() }

// A labeled continue skips the cancel at the end of the iteration: a call at the end would not help, so no fix.
func Reprice(parent context.Context, quotes [][]quote) {
batches:
	for _, batch := range quotes {
		ctx, cancel := context.WithTimeout(parent, 800*time.Millisecond) // want "ctx-cancel-lost"
		for _, q := range batch {
			if q.sku == "" {
				continue batches
			}
			_ = price(ctx, q)
		}
		cancel()
	}
}

// Declared in a type switch case: the case's end is where the variable dies.
func Dispatch(parent context.Context, msg interface{}) {
	switch m := msg.(type) {
	case quote:
		ctx, cancel := context.WithCancel(parent) // want "ctx-cancel-lost"
		_ = price(ctx, m)
	case string:
		_, cancel := context.WithCancel(parent)
		cancel()
	}
}
