package order

import (
	"context"

	"example.com/shop/internal/store"
)

func Write(ctx context.Context) error {
	_, err := store.DB.ExecContext(ctx, `UPDATE orders SET touched = now()`)
	if err != nil {
		return err
	}
	_, err = store.DB.ExecContext(ctx, `UPDATE orders SET seen = now()`)
	return err
}
