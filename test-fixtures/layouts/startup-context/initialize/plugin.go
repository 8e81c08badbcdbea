package initialize

import (
	"context"
	"fmt"

	"go.uber.org/zap"
)

type migrator interface {
	Migrate(ctx context.Context) error
}

// Plugin registers its tables once at start-up: the ctx parameter carries no request to name (W16).
func Plugin(ctx context.Context, m migrator) {
	if err := m.Migrate(ctx); err != nil {
		zap.L().Error(fmt.Sprintf("register plugin tables: %+v", err))
	}
}

// Monitor's callback runs for every database command, later, with the command's own context: still judged.
func Monitor() func(ctx context.Context, err error) {
	return func(ctx context.Context, err error) {
		zap.L().Error("command failed", zap.Error(err)) // want "log-error-no-fields"
	}
}
