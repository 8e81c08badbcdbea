package orders

import (
	"context"
	"errors"
	"os"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("orders")

// Deferred right after the start: the common, correct shape.
func Deferred(ctx context.Context) error {
	_, span := tracer.Start(ctx, "deferred")
	defer span.End()
	if ctx.Err() != nil {
		span.SetStatus(codes.Error, "cancelled")
		return ctx.Err()
	}
	return nil
}

// Ended explicitly on every return.
func EveryReturn(ctx context.Context, ok bool) error {
	_, span := tracer.Start(ctx, "every-return")
	if !ok {
		span.RecordError(errors.New("not ok"))
		span.End()
		return errors.New("not ok")
	}
	span.End()
	return nil
}

// Ended in both branches of an if/else, then falls off the end.
func BothBranches(ctx context.Context, fast bool) {
	_, span := tracer.Start(ctx, "both")
	if fast {
		span.End()
	} else {
		span.SetAttributes()
		span.End()
	}
}

// Every case of a switch with a default ends the span.
func Switch(ctx context.Context, kind string) {
	_, span := tracer.Start(ctx, "switch")
	switch kind {
	case "a":
		span.End()
	default:
		span.End()
	}
}

// The caller owns the span: it is returned.
func StartOwned(ctx context.Context, name string) (context.Context, trace.Span) {
	ctx, span := tracer.Start(ctx, name)
	span.SetAttributes()
	return ctx, span
}

// The caller ends the span through the returned context.
func StartInContext(ctx context.Context) context.Context {
	ctx, span := tracer.Start(ctx, "in-context")
	span.AddEvent("started")
	return ctx
}

// Returning the call itself hands both results over.
func StartDirect(ctx context.Context) (context.Context, trace.Span) {
	return tracer.Start(ctx, "direct")
}

type job struct{ span trace.Span }

// Stored in a struct that ends it later.
func (j *job) Begin(ctx context.Context) {
	_, span := tracer.Start(ctx, "job")
	j.span = span
}

// Ended by the goroutine that continues the work.
func Background(ctx context.Context) {
	ctx, span := tracer.Start(ctx, "background")
	go func() {
		defer span.End()
		<-ctx.Done()
	}()
}

// A deferred closure ends it.
func DeferredClosure(ctx context.Context) (err error) {
	_, span := tracer.Start(ctx, "closure")
	defer func() {
		if err != nil {
			span.RecordError(err)
		}
		span.End()
	}()
	return nil
}

// Two spans, each deferred before the variable is reused.
func TwoSpans(ctx context.Context) {
	_, span := tracer.Start(ctx, "first")
	defer span.End()
	_, span = tracer.Start(ctx, "second")
	defer span.End()
}

// Each loop iteration ends its span before continue.
func Loop(ctx context.Context, ids []string) {
	for _, id := range ids {
		_, span := tracer.Start(ctx, "item")
		if id == "" {
			span.End()
			continue
		}
		for i := 0; i < 3; i++ {
			if i == 1 {
				break
			}
		}
		span.End()
	}
}

// The process exits: nothing is exported either way.
func Fatal(ctx context.Context, bad bool) {
	_, span := tracer.Start(ctx, "fatal")
	if bad {
		os.Exit(1)
	}
	span.End()
}

// An endless loop left only through a return that ends the span first.
func Poll(ctx context.Context) {
	_, span := tracer.Start(ctx, "poll")
	for {
		select {
		case <-ctx.Done():
			span.End()
			return
		default:
		}
	}
}

type server struct{}

func (server) Start(ctx context.Context, addr string) (context.Context, error) { return ctx, nil }

// Start on something that is not a tracer.
func NotATracer(ctx context.Context, srv server) {
	ctx, err := srv.Start(ctx, ":8080")
	print(ctx, err)
}

// The span is dropped here, but the caller gets the context that carries it.
func StartForCaller(ctx context.Context) context.Context {
	next, _ := tracer.Start(ctx, "for-caller")
	return next
}

// A helper whose name says it ends the span takes it over.
func HelperEnds(ctx context.Context) error {
	_, span := tracer.Start(ctx, "helper")
	err := errors.New("x")
	return finishSpan(span, err)
}

func finishSpan(span trace.Span, err error) error {
	span.End()
	return err
}

// A deferred closure registered before the span starts still ends it at return.
func DeferredFirst(ctx context.Context) {
	var span trace.Span
	defer func() { span.End() }()
	ctx, span = tracer.Start(ctx, "deferred-first")
	print(ctx)
}
