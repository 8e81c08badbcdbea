package orders

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type Service struct {
	logger *slog.Logger
}

// Any spelling of a configured key counts: orderID, OrderId, order-id.
func (s *Service) Spellings(ctx context.Context, orderID string) {
	err := errors.New("x")
	log.Error().Err(err).Str("orderID", orderID).Msg("cancel failed")
	slog.ErrorContext(ctx, "cancel failed", "OrderId", orderID)
	s.logger.Error("cancel failed", slog.String("order-id", orderID))
	log.Error().Dict("req", zerolog.Dict().Str("request_id", "r-1")).Msg("nested")
}

// A logger that already carries the id.
func (s *Service) Derived(orderID string) {
	logger := log.With().Str("order_id", orderID).Logger()
	logger.Error().Msg("cancel failed")
	l := s.logger.With("user_id", 42)
	l.Error("cancel failed")
}

// Context loggers and loggers handed in by the caller usually carry the request ids: not judged.
func (s *Service) Scoped(ctx context.Context, r *http.Request, logger *slog.Logger) {
	zerolog.Ctx(ctx).Error().Msg("cancel failed")
	logger.Error("cancel failed")
}

// Fields we cannot read: a map variable, spread attributes.
func (s *Service) Opaque(fields map[string]any, attrs []any) {
	log.Error().Fields(fields).Msg("cancel failed")
	slog.Error("cancel failed", attrs...)
}

// Not error level.
func (s *Service) Levels() {
	log.Warn().Msg("slow cancel")
	slog.Info("cancelled")
	s.logger.Warn("slow")
}

type result struct{}

func (result) Error() string { return "" }

// Error methods that are not logging: an error value and http.Error.
func NotLogs(w http.ResponseWriter, r result) string {
	http.Error(w, "bad request", http.StatusBadRequest)
	return r.Error()
}
