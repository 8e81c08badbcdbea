package session

import (
	stdctx "context"
	"time"
)

func aliased(parent stdctx.Context) error {
	ctx, _ := stdctx.WithTimeout(parent, time.Second) // want "ctx-cancel-lost"
	return ctx.Err()
}

type fakeContext struct{}

func (fakeContext) WithTimeout(p stdctx.Context, d time.Duration) (stdctx.Context, func()) {
	return p, func() {}
}

// A local named context is not the package.
func shadowed(parent stdctx.Context) error {
	context := fakeContext{}
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}
