package gateway

import (
	"log"
	"os"
)

// A *log.Logger writes the same free text as the package functions; it is reported once, where it is declared,
// without a conversion (its prefix and output have no equivalent in a global structured logger).
type Gateway struct {
	errorLog *log.Logger // want "log-unstructured"
}

func New() *Gateway {
	return &Gateway{errorLog: log.New(os.Stderr, "gateway ", log.LstdFlags)}
}

func (g *Gateway) Fail(orderID string) {
	g.errorLog.Printf("order %s failed", orderID)
	log.Default().Println("failed")               // want "log-unstructured"
}
