package orders

import "context"

type fakeLogger struct{}

func (fakeLogger) Error(msg string, fields ...any) {}

// zap is a local of another type here, shadowing nothing this file imports: not zap's logger.
func Local(ctx context.Context, zap fakeLogger) {
	zap.Error("local failed")
}
