// Package mcp calls the main service with a deadline of its own on every request.
package mcp

import (
	"context"
	"io"
	"net/http"
	"time"
)

const upstreamTimeout = 10 * time.Second

func Fetch(url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), upstreamTimeout)
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
