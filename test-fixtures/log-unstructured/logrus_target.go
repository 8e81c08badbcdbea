package inventory

import (
	"log"

	"github.com/sirupsen/logrus"
)

func Reserve(skuID string, qty int, err error) {
	if err != nil {
		log.Panicf("reserve %s failed: %v", skuID, err) // want "log-unstructured"
	}
	log.Print("reserved ", qty)
	logrus.Info("done")
}
