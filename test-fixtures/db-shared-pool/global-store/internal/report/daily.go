// Package report builds reports from a replica of its own.
package report

import (
	"context"

	"example.com/shop/internal/store"
)

// DailyOrders counts today's orders on the reporting replica, which no other domain touches.
func DailyOrders(ctx context.Context) (int, error) {
	var n int
	err := store.Reports().QueryRowContext(ctx, "SELECT COUNT(*) FROM orders WHERE day = CURDATE()").Scan(&n)
	return n, err
}
