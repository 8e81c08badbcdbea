// Package order places orders.
package order

import (
	"example.com/shop/internal/cache"
	"example.com/shop/internal/platform"
)

// Service places orders.
type Service struct {
	Store *platform.Store
	Cache *cache.Client
}
