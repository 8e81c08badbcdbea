package jobs

import "context"

// Scheduler has a Start method with a tracer's arguments, but it returns a stop function, not a span.
type Scheduler struct{}

func (Scheduler) Start(ctx context.Context, name string) (context.Context, func()) {
	return ctx, func() {}
}
