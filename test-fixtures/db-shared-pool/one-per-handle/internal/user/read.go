package user

import (
	"context"

	"example.com/shop/internal/store"
)

func Read(ctx context.Context) error {
	_, err := store.DB.ExecContext(ctx, `UPDATE users SET touched = now()`)
	if err != nil {
		return err
	}
	_, err = store.DB.ExecContext(ctx, `UPDATE users SET seen = now()`)
	return err
}
