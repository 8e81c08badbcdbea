package upstream

import (
	"context"
	"io"
	"net/http"
	"time"
)

// The request carries a deadline set here: the call is bounded, and a client-wide Timeout would cut the 10 s budget.
func Fetch(url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The same, with the deadline derived from the caller's context and attached with WithContext.
func Probe(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	probeCtx, cancel := context.WithDeadline(ctx, time.Now().Add(2*time.Second))
	defer cancel()
	req = req.WithContext(probeCtx)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A local client whose every request has a deadline of its own.
func Ping(url string) error {
	c := &http.Client{}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The caller's context may have no deadline at all: still unbounded.
func Forward(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "http-client-no-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A context that can only be cancelled bounds nothing.
func Cancellable(url string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "http-client-no-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
