package coupon

import (
	"context"

	"example.com/shop/internal/store"
)

func Read(ctx context.Context) error {
	_, err := store.DB.ExecContext(ctx, `UPDATE coupons SET touched = now()`)
	if err != nil {
		return err
	}
	_, err = store.DB.ExecContext(ctx, `UPDATE coupons SET seen = now()`)
	return err
}
