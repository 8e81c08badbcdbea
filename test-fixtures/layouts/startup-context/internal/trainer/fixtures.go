package trainer

import (
	"context"
	"time"

	"go.uber.org/zap"
)

// waitForFixtures polls until the fixtures can be loaded, once at start-up (W16).
func waitForFixtures(ctx context.Context, ready func(context.Context) error) {
	for {
		err := ready(ctx)
		if err == nil {
			return
		}
		zap.L().Error("cannot check if fixtures can be loaded", zap.Error(err))
		time.Sleep(10 * time.Second)
	}
}

// InitSchedule runs once from main, with main's context.
func InitSchedule(ctx context.Context, load func(context.Context) error) {
	if err := load(ctx); err != nil {
		zap.L().Error("cannot load the schedule", zap.Error(err))
	}
}

var _ = waitForFixtures
