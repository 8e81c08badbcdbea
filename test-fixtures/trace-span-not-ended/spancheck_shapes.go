// Package inventory holds the end-of-span shapes a span checker is expected to catch (the cases of
// jjti/go-spancheck's default "end" check, written anew) and the correct shapes it must leave alone.
package inventory

import (
	"context"
	"errors"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
)

func startedAndDropped(ctx context.Context) {
	otel.Tracer("inventory").Start(ctx, "reserve") // want "trace-span-not-ended"
}

func contextKeptSpanDropped(ctx context.Context) {
	ctx, _ = otel.Tracer("inventory").Start(ctx, "release") // want "trace-span-not-ended"
	fmt.Println(ctx.Err())
}

func onlyInspected(ctx context.Context) {
	ctx, span := otel.Tracer("inventory").Start(ctx, "count") // want "trace-span-not-ended"
	fmt.Println(ctx.Err(), span.IsRecording())
}

func declaredWithVar(ctx context.Context) {
	var _, span = otel.Tracer("inventory").Start(ctx, "audit") // want "trace-span-not-ended"
	fmt.Println(span.SpanContext().TraceID())
}

func overwrittenBeforeEnd(ctx context.Context) {
	_, span := otel.Tracer("inventory").Start(ctx, "first") // want "trace-span-not-ended"
	_, span = otel.Tracer("inventory").Start(ctx, "second")
	fmt.Println(span.IsRecording())
	defer span.End()
}

func endedOnTheHappyPathOnly(ctx context.Context, ok bool) error {
	_, span := otel.Tracer("inventory").Start(ctx, "check") // want "trace-span-not-ended"
	if !ok {
		return errors.New("stock check failed")
	}
	span.End()
	return nil
}

// Correct: ended by defer, with status and error recorded on the way out.
func deferredWithStatus(ctx context.Context, ok bool) error {
	_, span := otel.Tracer("inventory").Start(ctx, "commit")
	defer span.End()
	if !ok {
		err := errors.New("commit failed")
		span.SetStatus(codes.Error, err.Error())
		span.RecordError(err)
		return err
	}
	return nil
}

// Correct: the variable is reused, each span deferred before the next one starts.
func twoDeferredSpans(ctx context.Context) {
	_, span := otel.Tracer("inventory").Start(ctx, "load")
	defer span.End()
	_, span = otel.Tracer("inventory").Start(ctx, "store")
	defer span.End()
}

// Correct: a span inside a closure, ended by the closure.
func inClosure(ctx context.Context) func() error {
	return func() error {
		_, span := otel.Tracer("inventory").Start(ctx, "later")
		defer span.End()
		return nil
	}
}
