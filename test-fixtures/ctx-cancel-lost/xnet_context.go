// Package legacy still imports golang.org/x/net/context, whose functions alias the standard ones.
package legacy

import (
	"golang.org/x/net/context"
)

func subscribe(parent context.Context, run func(context.Context)) {
	ctx, _ := context.WithCancel(parent) // want "ctx-cancel-lost"
	run(ctx)
}
