package billing

import (
	"net/http"
	"time"

	"example.com/shop/platform/httpclient"
)

// Gateway keeps a client built in another package.
type Gateway struct {
	client *http.Client
	base   string
}

func NewGateway(base string) *Gateway {
	return &Gateway{client: httpclient.New(800 * time.Millisecond), base: base}
}
