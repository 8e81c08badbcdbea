package orders

import (
	"errors"
	"log"
)

// This module says go 1.19: the conversion writes logrus, which the module already requires.
func Cancel(orderID string) error {
	err := errors.New("already shipped")
	log.Printf("cancel order %s failed: %v", orderID, err) // want "log-unstructured"
	return err
}
