package billing

import (
	"context"
	"errors"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"
)

// The tracer comes under an alias, as a parameter: its type says it is a tracer.
func Charge(ctx context.Context, tr oteltrace.Tracer, amount int) error {
	ctx, span := tr.Start(ctx, "charge") // want "trace-span-not-ended"
	if amount <= 0 {
		return errors.New("bad amount")
	}
	span.End()
	return ctx.Err()
}

// A tracer from the SDK's provider, ended in the middle of the function: the fix moves the end to the return,
// which also times the work after it, so it is offered but not applied in bulk.
func Refund(ctx context.Context, tp *sdktrace.TracerProvider, amount int) error {
	ctx, span := tp.Tracer("billing").Start(ctx, "refund") // want "trace-span-not-ended"
	if amount <= 0 {
		return errors.New("bad amount")
	}
	span.End()
	audit(ctx)
	return nil
}

func audit(ctx context.Context) {}

type fakeOtel struct{}

func (fakeOtel) Tracer(name string) fakeTracer { return fakeTracer{} }

type fakeTracer struct{}

func (fakeTracer) Start(ctx context.Context, name string) (context.Context, func()) {
	return ctx, func() {}
}

// otel is a parameter of another type here: its tracer's Start returns no span.
func Local(ctx context.Context, otel fakeOtel) {
	_, done := otel.Tracer("billing").Start(ctx, "local")
	done()
}
