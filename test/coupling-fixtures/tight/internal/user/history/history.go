// Package history shows a user's orders and coupons, straight from the other domains.
package history

import (
	"context"

	"example.com/tight/internal/coupon"
	"example.com/tight/internal/order"
)

// Summary of a user's activity.
type Summary struct {
	Orders  []order.Order
	Coupons []coupon.Coupon
	Spent   int64
}

// ForUser gathers the summary.
func ForUser(ctx context.Context, userID int64) (Summary, error) {
	orders, err := order.ListByUser(ctx, userID)
	if err != nil {
		return Summary{}, err
	}
	coupons, err := coupon.ListByUser(ctx, userID)
	if err != nil {
		return Summary{}, err
	}
	return Summary{Orders: orders, Coupons: coupons, Spent: order.Total(orders) - coupon.Saved(coupons)}, nil
}
