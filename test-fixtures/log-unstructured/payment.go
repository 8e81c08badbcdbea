package payment

import (
	"context"
	"errors"
	"log"
	"net/http"
)

type Gateway struct{ client *http.Client }

// NewGateway is a library constructor: it logs too.
func NewGateway(client *http.Client) *Gateway {
	if client == nil {
		log.Println("no http client given, using default") // want "log-unstructured"
		client = http.DefaultClient
	}
	return &Gateway{client: client}
}

func (g *Gateway) Callback(ctx context.Context, orderID string, channel string) error {
	err := errors.New("signature mismatch")
	log.Printf("callback failed for order %s: %v", orderID, err)

	log.Printf("channel=%s status=%d", channel, 502)
	return err
}

func (g *Gateway) Refund(w http.ResponseWriter, r *http.Request) {
	amount := r.URL.Query().Get("amount")
	log.Printf("refund of %q requested", amount)
}

func mustConfig(path string) {
	if path == "" {
		log.Fatalf("config path %s is empty", path)
	}
}
