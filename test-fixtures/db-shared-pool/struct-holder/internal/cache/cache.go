// Package cache is a tiny in-memory cache every domain may share.
package cache

import "sync"

// Client is safe for concurrent use.
type Client struct {
	mu   sync.Mutex
	data map[string]string
}

// New returns an empty Client.
func New() *Client {
	return &Client{data: map[string]string{}}
}
