package payment

import (
	"errors"

	"github.com/rs/zerolog"
)

type Worker struct {
	log zerolog.Logger
}

func (w *Worker) Retry(orderID string) {
	err := errors.New("gateway timeout")

	w.log.Error(). // want "log-error-no-fields"
			Err(err).
			Str("channel", "alipay").
			Msg("payment callback failed")

	w.log.Error().
		Err(err).
		Str("order_id", orderID).
		Msg("payment callback failed")
}
