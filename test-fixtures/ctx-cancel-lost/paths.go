package fulfil

import (
	"context"
	"errors"
	"log"
	"time"
)

var errBusy = errors.New("busy")

func ship(ctx context.Context, id string) error { return ctx.Err() }

// Cancelled on the happy path only: the early return leaks.
func Ship(parent context.Context, id string, busy bool) error {
	ctx, cancel := context.WithTimeout(parent, 800*time.Millisecond) // want "ctx-cancel-lost"
	if busy {
		return errBusy
	}
	err := ship(ctx, id)
	cancel()
	return err
}

// A select with a default branch that returns before any cancel.
func Poll(parent context.Context, done <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent) // want "ctx-cancel-lost"
	select {
	case <-done:
		cancel()
	default:
		return ship(ctx, "poll")
	}
	return nil
}

// A labeled break leaves the loop and falls off the end of the function.
func Drain(parent context.Context, ch <-chan int) {
	ctx, cancel := context.WithCancel(parent) // want "ctx-cancel-lost"
loop:
	for {
		select {
		case v := <-ch:
			if v == 0 {
				break loop
			}
		case <-ctx.Done():
			cancel()
			return
		}
	}
}

// Derived through two layers: the inner cancel is never used at all.
func Nested(parent context.Context) error {
	outer, stop := context.WithCancel(parent)
	defer stop()
	var inner, cancel = context.WithTimeout(outer, time.Second) // want "ctx-cancel-lost"
	return ship(inner, "nested")
}

// Inside a goroutine's closure the closure is the function that must cancel.
func Background(parent context.Context) {
	go func() {
		ctx, cancel := context.WithTimeout(parent, time.Minute) // want "ctx-cancel-lost"
		if ship(ctx, "bg") != nil {
			cancel()
		}
	}()
}

// An assigned, predeclared cancel: the switch case that neither cancels nor exits falls out of the function.
func Route(parent context.Context, mode int) {
	var cancel context.CancelFunc
	_, cancel = context.WithTimeout(parent, time.Second) // want "ctx-cancel-lost"
	switch mode {
	case 0:
		cancel()
	case 1:
		panic("mode")
	default:
		log.Print("unknown mode")
	}
}
