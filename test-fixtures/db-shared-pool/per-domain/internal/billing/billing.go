// Package billing invoices orders through the order domain's API, never its pool.
package billing

import "example.com/shop/internal/order"

// Invoicer reads orders to invoice.
type Invoicer struct{ orders *order.Repo }

// New returns an Invoicer.
func New(orders *order.Repo) *Invoicer { return &Invoicer{orders: orders} }
