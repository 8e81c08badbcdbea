package catalog

import (
	"context"
	"net/http"
	"time"
)

// A type of our own that happens to be called Client and to have Do and Get.
type Client struct{ Timeout time.Duration }

func (c *Client) Do(req *http.Request) (*http.Response, error) { return nil, nil }
func (c *Client) Get(url string) (*http.Response, error)       { return nil, nil }

var own = &Client{}

func useOwn(ctx context.Context) {
	_, _ = own.Get("http://stock/items")
}

// The timeout is set on the field in another method of the same type.
type Gateway struct{ client *http.Client }

func NewGateway() *Gateway {
	return &Gateway{client: &http.Client{}}
}

func (g *Gateway) configure(d time.Duration) {
	g.client.Timeout = d
}

// A local named http hides the package: its Get is not net/http's.
type getter struct{}

func (getter) Get(string) (*http.Response, error) { return nil, nil }

func shadowed() {
	http := getter{}
	_, _ = http.Get("http://stock/items")
}
