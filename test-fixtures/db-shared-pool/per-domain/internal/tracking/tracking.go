// Package tracking shows order progress, reading through the order domain.
package tracking

import "example.com/shop/internal/order"

// Feed streams order progress.
type Feed struct{ orders *order.Repo }

// New returns a Feed.
func New(orders *order.Repo) *Feed { return &Feed{orders: orders} }
