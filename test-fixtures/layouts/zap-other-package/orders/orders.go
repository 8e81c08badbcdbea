package orders

import (
	"context"
	"errors"

	lg "example.com/shop/platform/logging"
)

type Handler struct {
	svc *lg.Service
}

// The loggers come from a struct of another package: their types are known, so error logs are judged.
func (h *Handler) Cancel(ctx context.Context, orderID string) {
	err := errors.New("already shipped")
	h.svc.Sugar.Errorw("cancel failed", "err", err) // want "log-error-no-fields"
	h.svc.Logger.Error("cancel failed") // want "log-error-no-fields"
}
