package merchant

import "log/slog"

func Settle(merchantNo string, orderID string) {
	slog.Error("settle failed", "order_id", orderID) // want "log-error-no-fields"

	slog.Error("settle failed", "merchantNo", merchantNo)
}
