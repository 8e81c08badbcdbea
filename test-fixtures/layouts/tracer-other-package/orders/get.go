package orders

import (
	"context"
	"errors"

	"example.com/shop/internal/jobs"
	"example.com/shop/internal/tracing"
)

type Service struct {
	provider *tracing.Provider
	tracer   jobs.Scheduler
}

// Get starts its span on the package variable of another package and leaks it on the error path.
func (s *Service) Get(ctx context.Context, id string) error {
	ctx, span := tracing.Tracer.Start(ctx, "orders.Get") // want "trace-span-not-ended"
	if id == "" {
		return errors.New("no id")
	}
	span.End()
	return nil
}

// Ship asks the SDK provider of another package for its tracer, and never ends the span.
func (s *Service) Ship(ctx context.Context) {
	ctx, span := s.provider.For("orders").Start(ctx, "orders.Ship") // want "trace-span-not-ended"
	_ = ctx
	span.AddEvent("shipped")
}

// A field named tracer whose Start is a scheduler's: nothing to end.
func (s *Service) Schedule(ctx context.Context) {
	ctx, stop := s.tracer.Start(ctx, "nightly")
	_ = ctx
	stop()
}
