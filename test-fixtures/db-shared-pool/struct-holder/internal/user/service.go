// Package user owns accounts.
package user

import (
	"example.com/shop/internal/cache"
	"example.com/shop/internal/platform"
)

// Service serves account reads.
type Service struct {
	store *platform.Store
	cache *cache.Client
}

// NewService builds a Service over a shared store and cache.
func NewService(store *platform.Store, c *cache.Client, cfg platform.Config) *Service {
	return &Service{store: store, cache: c}
}
