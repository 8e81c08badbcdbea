package orders

import (
	"context"

	"go.uber.org/zap"
)

type store interface {
	Cancel(ctx context.Context) error
}

// Cancel serves a request: its ctx is the caller's, and the failure names no order.
func Cancel(ctx context.Context, s store) error {
	if err := s.Cancel(ctx); err != nil {
		zap.L().Error("cancel failed", zap.Error(err)) // want "log-error-no-fields"
		return err
	}
	return nil
}
