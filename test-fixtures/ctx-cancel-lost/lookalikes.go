package session

import (
	"context"
	"log"
	"os"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

type Worker struct {
	ctx    context.Context
	cancel context.CancelFunc
	stop   func()
}

// Stored in the struct and called later by Stop.
func (w *Worker) Start(parent context.Context) {
	w.ctx, w.cancel = context.WithCancel(parent)
	ctx, cancel := context.WithCancel(parent)
	w.stop = cancel
	go w.run(ctx)
}

func (w *Worker) Stop() { w.cancel(); w.stop() }

func (w *Worker) run(ctx context.Context) { <-ctx.Done() }

func deferred(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return ctx.Err()
}

func deferredClosure(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer func() {
		log.Print("done")
		cancel()
	}()
	return ctx.Err()
}

// Handed to the caller, who owns the call.
func derive(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

func named(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}

// Passed on to something that will call it.
func passedOn(t *testing.T, parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	t.Cleanup(cancel)
	later, stop := context.WithCancel(parent)
	time.AfterFunc(time.Second, stop)
	_ = later
	return ctx
}

// Every path calls cancel or never returns.
func allPaths(parent context.Context, mode int) {
	_, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		log.Fatal("bad mode")
	case 1:
		cancel()
	default:
		os.Exit(1)
	}
}

func branches(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent)
	if ok {
		cancel()
	} else {
		for {
			time.Sleep(time.Second)
		}
	}
}

// A goroutine owns the cancel.
func watcher(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}

// An outer variable assigned in a closure, called by the outer function.
func outer(parent context.Context) {
	var cancel context.CancelFunc
	func() {
		_, cancel = context.WithCancel(parent)
	}()
	cancel()
}

// Chosen per branch, deferred once after.
func chosen(parent context.Context, d time.Duration) error {
	var ctx context.Context
	var cancel context.CancelFunc
	if d > 0 {
		ctx, cancel = context.WithTimeout(parent, d)
	} else {
		ctx, cancel = context.WithCancel(parent)
	}
	defer cancel()
	return ctx.Err()
}

// Not cancellable derivations.
func others(parent context.Context) error {
	ctx := context.WithValue(parent, struct{}{}, 1)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(gctx.Err)
	return g.Wait()
}
