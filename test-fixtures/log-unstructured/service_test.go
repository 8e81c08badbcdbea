package orders

import (
	"log"
	"testing"
)

func TestShip(t *testing.T) {
	log.Printf("test output is fine: %s", t.Name())
}
