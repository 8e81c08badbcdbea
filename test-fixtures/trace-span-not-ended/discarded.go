package orders

import (
	"context"

	"go.opentelemetry.io/otel"
)

// Fire drops both results.
func Fire(ctx context.Context) {
	otel.Tracer("jobs").Start(ctx, "fire") // want "trace-span-not-ended"
}

// Notify keeps the context but drops the span.
func Notify(ctx context.Context) {
	next, _ := otel.Tracer("jobs").Start(ctx, "notify") // want "trace-span-not-ended"
	send(next)
}

func send(ctx context.Context) {}
