package notify

import (
	"context"
	"time"
)

// Notify cancels its context on return; the goroutines it starts run functions declared in worker.go.
func Notify(parent context.Context, id string) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	go watch(ctx, id)
	go deliver(ctx, id) // want "goroutine-ctx-cancelled"
}
