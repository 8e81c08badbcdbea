package orders

import (
	"errors"
	"log"
)

// A format without verbs is the whole message.
func Cancel(orderID string) error {
	if orderID == "" {
		log.Printf("no order id") // want "log-unstructured"
		return errors.New("no order id")
	}
	return nil
}
