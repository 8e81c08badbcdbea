package payment

import (
	"context"
	"errors"

	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type Handler struct {
	log zerolog.Logger
}

func (h *Handler) Callback(ctx context.Context, orderID string, channel string) error {
	err := errors.New("signature mismatch")
	log.Error().Err(err).Msg("payment callback failed") // want "log-error-no-fields"

	h.log.Error().Err(err).Str("channel", channel).Msg("payment callback failed") // want "log-error-no-fields"
	return err
}

func (h *Handler) Refund(userID int64) {
	log.Error().Msgf("refund for %d failed", userID) // want "log-error-no-fields"
}

// Serves a request but holds no id variable: reported without a fix.
func Sweep(ctx context.Context) {
	log.Error().Msg("sweep failed") // want "log-error-no-fields"
}

// Background plumbing with no request and no id: nothing to identify, not judged.
func acceptLoop() {
	log.Error().Msg("accept failed")
}
