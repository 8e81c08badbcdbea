package search

import (
	"context"
	"net/http"
	"net/http/httptest"

	"github.com/hashicorp/go-retryablehttp"
)

func withContext(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

// The pre-Go 1.13 idiom: the request gets its context before it is sent.
func attachedLater(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return http.DefaultClient.Do(req)
}

func otherPackages(h http.Handler) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	h.ServeHTTP(httptest.NewRecorder(), r)
	_, _ = retryablehttp.NewRequest(http.MethodGet, "http://search/q", nil)
}

type requests struct{}

func (requests) NewRequest(method, url string, body any) (*http.Request, error) { return nil, nil }

func shadowed() {
	var http requests
	_, _ = http.NewRequest("GET", "/", nil)
}
