package order

import (
	"context"

	"example.com/platform/db"
)

func Place(ctx context.Context, userID int64) error {
	_, err := db.Pool.ExecContext(ctx, `INSERT INTO orders (user_id) VALUES ($1)`, userID)
	return err
}
