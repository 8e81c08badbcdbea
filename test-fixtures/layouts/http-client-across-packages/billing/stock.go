package billing

import (
	"context"
	"net/http"

	"example.com/shop/apiclient"
	"github.com/acme/sdk"
)

type fakeHTTP struct{}

func (fakeHTTP) Get(string) (*http.Response, error) { return nil, nil }

// Look-alikes: a Client of our own, an unknown third-party client, a local named http.
func Stock(ctx context.Context) {
	c := apiclient.NewClient()
	_, _ = c.Get("/stock")
	_, _ = sdk.NewClient().Get("/stock")
	http := fakeHTTP{}
	_, _ = http.Get("/stock")
}
