package billing

import (
	"errors"

	"go.uber.org/zap"
)

type Biller struct {
	logger *zap.Logger
	sugar  *zap.SugaredLogger
}

func (b *Biller) Charge(userID string, invoiceNo int64) {
	err := errors.New("card declined")
	b.logger.Error("charge failed", zap.Error(err)) // want "log-error-no-fields"

	b.sugar.Errorw("charge failed", "err", err) // want "log-error-no-fields"

	zap.L().Error("charge failed") // want "log-error-no-fields"
}
