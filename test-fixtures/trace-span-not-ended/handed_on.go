// Package query hands its spans on in ways the rule must accept: wrapped, or stored in the request.
package query

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/trace"
)

type wrapped struct{ trace.Span }

func wrapSpan(span trace.Span) trace.Span { return wrapped{span} }

func stream(ctx context.Context, tracer trace.Tracer, run func(context.Context) (<-chan int, error), relay func(context.Context, trace.Span, <-chan int) <-chan int) (<-chan int, error) {
	ctx, span := tracer.Start(ctx, "stream")
	span = wrapSpan(span)
	out, err := run(ctx)
	if err != nil {
		span.End()
		return nil, err
	}
	return relay(ctx, span, out), nil
}

type request struct{ ctx context.Context }

func (r *request) SetContext(ctx context.Context) { r.ctx = ctx }

// The completion hook of the request ends the span with trace.SpanFromContext.
func send(r *request, tracer trace.Tracer, hr *http.Request) {
	ctx, _ := tracer.Start(hr.Context(), "send")
	r.SetContext(ctx)
}

// Overwriting the span with an unrelated value still loses the first one.
func lost(ctx context.Context, tracer trace.Tracer, other trace.Span) {
	ctx, span := tracer.Start(ctx, "lost") // want "trace-span-not-ended"
	span = other
	span.End()
	_ = ctx
}
