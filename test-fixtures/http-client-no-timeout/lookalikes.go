package inventory

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"
)

// Clients that do have a deadline, set in every way teams write it.
var withTimeout = &http.Client{Timeout: 2 * time.Second}

var transport = &http.Transport{
	DialContext:           (&net.Dialer{Timeout: time.Second}).DialContext,
	ResponseHeaderTimeout: 800 * time.Millisecond,
}

var bounded = &http.Client{Transport: transport}

var inlineBounded = &http.Client{
	Transport: &http.Transport{ResponseHeaderTimeout: time.Second},
}

func tuned(d time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = d
	return &http.Client{Transport: t}
}

func configured(d time.Duration) *http.Client {
	c := &http.Client{}
	c.Timeout = d
	return c
}

func init() {
	http.DefaultClient.Timeout = 5 * time.Second
}

// The default client has a timeout in this file, so sending through it is fine here.
func viaDefault(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// Not net/http: a resty client and a server.
func others() {
	_, _ = resty.New().SetTimeout(time.Second).R().Get("http://stock/items")
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: time.Second}
	_ = srv
	var h http.Handler = http.NotFoundHandler()
	http.Handle("/", h)
}

type fakeHTTP struct{}

func (fakeHTTP) Get(string) error { return nil }

func shadow() error {
	var http fakeHTTP
	return http.Get("x")
}
