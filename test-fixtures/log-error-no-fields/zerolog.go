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

func Sweep() {
	// No id variable in scope: reported without a fix.
	log.Error().Msg("sweep failed") // want "log-error-no-fields"
}
