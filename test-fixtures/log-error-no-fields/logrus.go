package inventory

import (
	"errors"

	log "github.com/sirupsen/logrus"
)

func Reserve(orderID string, skuID string) {
	err := errors.New("out of stock")
	log.WithError(err).Error("reserve failed") // want "log-error-no-fields"

	log.WithField("sku", skuID).Errorf("reserve %s failed", skuID) // want "log-error-no-fields"
}
