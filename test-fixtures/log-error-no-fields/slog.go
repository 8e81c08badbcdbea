package orders

import (
	"context"
	"log/slog"
)

type Service struct {
	logger *slog.Logger
}

func (s *Service) Cancel(ctx context.Context, orderID string, requestID string) {
	slog.ErrorContext(ctx, "cancel failed", "reason", "timeout") // want "log-error-no-fields"

	s.logger.Error("cancel failed", slog.String("stage", "refund")) // want "log-error-no-fields"
}

func (s *Service) Ship(tenantID string) {
	slog.Error("ship failed") // want "log-error-no-fields"
}
