package inventory

import (
	stdctx "context"
	"errors"
	"time"
)

type Stock struct{ deadline time.Time }

func (s *Stock) Reserve(ctx stdctx.Context, sku string) error {
	ctx, _ = stdctx.WithDeadline(ctx, s.deadline) // want "ctx-cancel-lost"
	return s.reserve(ctx, sku)
}

func (s *Stock) Release(parent stdctx.Context, sku string) error {
	ctx, _ := stdctx.WithTimeout(parent, 800*time.Millisecond) // want "ctx-cancel-lost"
	return s.reserve(ctx, sku)
}

func (s *Stock) Audit(parent stdctx.Context) {
	ctx, _ := stdctx.WithCancelCause(parent) // want "ctx-cancel-lost"
	_ = s.reserve(ctx, "audit")
}

func (s *Stock) reserve(ctx stdctx.Context, sku string) error {
	if sku == "" {
		return errors.New("empty sku")
	}
	return ctx.Err()
}

func (s *Stock) Count(parent stdctx.Context) int {
	var ctx, _ = stdctx.WithCancel(parent) // want "ctx-cancel-lost"
	_ = s.reserve(ctx, "count")
	return 0
}
