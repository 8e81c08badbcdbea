package mcp

import (
	"context"
	"errors"
	"time"
)

type ManagedStatus struct{ Reachable bool }

// Status probes the managed service; the probe bounds itself.
func Status(ctx context.Context) ManagedStatus {
	probe, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	<-probe.Done()
	return ManagedStatus{}
}

func start() error { return nil }

func write() error { return nil }

// One helper handed a fresh root on every exit path: one decision, one finding with the others related.
func Start(ctx context.Context) (ManagedStatus, error) {
	if err := start(); err != nil {
		return Status(context.Background()), err // want "ctx-background-in-request"
	}
	if err := write(); err != nil {
		return Status(context.Background()), err
	}
	return Status(ctx), nil
}

func Stop(ctx context.Context) (ManagedStatus, error) {
	if err := start(); err != nil {
		return Status(context.Background()), errors.New("stop failed")
	}
	return Status(ctx), nil
}
