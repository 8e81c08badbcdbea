package billing

import (
	"log"

	"go.uber.org/zap"
)

func Charge(invoiceID string, err error) {
	log.Printf("charge failed invoice=%s: %v", invoiceID, err) // want "log-unstructured"
	zap.L().Info("charge attempted")
}
