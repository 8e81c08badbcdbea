package orders

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

type Repo interface {
	Load(ctx context.Context, id string) (string, error)
}

type Service struct {
	tracer trace.Tracer
	repo   Repo
}

// Get ends its span on the happy path only: the error return leaks it.
func (s *Service) Get(ctx context.Context, id string) (string, error) {
	ctx, span := s.tracer.Start(ctx, "orders.Get") // want "trace-span-not-ended"
	order, err := s.repo.Load(ctx, id)
	if err != nil {
		return "", err
	}
	span.End()
	return order, nil
}

// Charge never ends its span.
func Charge(ctx context.Context) {
	ctx, span := otel.Tracer("payments").Start(ctx, "charge") // want "trace-span-not-ended"
	print(ctx.Done(), span.IsRecording())
}

// Refund binds the span with var.
func Refund(ctx context.Context) {
	var next, span = otel.Tracer("payments").Start(ctx, "refund") // want "trace-span-not-ended"
	print(next.Done(), span.IsRecording())
}

// Retry overwrites the first span before anything ends it.
func Retry(ctx context.Context) {
	_, span := otel.Tracer("payments").Start(ctx, "attempt-1") // want "trace-span-not-ended"
	_, span = otel.Tracer("payments").Start(ctx, "attempt-2")
	defer span.End()
}

// Route ends the span in the cases it lists, but an unknown kind falls through the switch.
func (s *Service) Route(ctx context.Context, kind string) error {
	_, span := s.tracer.Start(ctx, "route") // want "trace-span-not-ended"
	switch kind {
	case "card":
		span.End()
		return nil
	case "wallet":
		span.End()
	}
	return errors.New("unknown kind")
}

// Batch breaks out of the loop with the iteration's span still open.
func (s *Service) Batch(ctx context.Context, ids []string) {
	for _, id := range ids {
		_, span := s.tracer.Start(ctx, "batch.item") // want "trace-span-not-ended"
		if id == "" {
			break
		}
		span.End()
	}
}

// Insert records the error on the child span through a helper, then returns with the child still open.
func (s *Service) Insert(ctx context.Context, id string) error {
	ctx, spanExec := s.tracer.Start(ctx, "insert.exec") // want "trace-span-not-ended"
	if _, err := s.repo.Load(ctx, id); err != nil {
		recordSpanError(&spanExec, err)
		return err
	}
	spanExec.End()
	return nil
}

func recordSpanError(span *trace.Span, err error) {
	(*span).RecordError(err)
}

// Notify starts a span inside the goroutine it launches and never ends it.
func (s *Service) Notify(ctx context.Context, id string) {
	go func() {
		ctx, span := s.tracer.Start(ctx, "notify.async") // want "trace-span-not-ended"
		_, _ = s.repo.Load(ctx, id)
		span.AddEvent("sent")
	}()
}
