// Package coupon redeems coupons in batches.
package coupon

import (
	"context"

	"example.com/shop/internal/store"
)

// RedeemBatch marks a whole batch used: a slow query on big batches.
func RedeemBatch(ctx context.Context, batch string) error {
	db := store.Conn()
	_, err := db.ExecContext(ctx, "UPDATE coupons SET used = 1 WHERE batch = ?", batch)
	return err
}
