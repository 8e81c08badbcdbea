// Package order places orders.
package order

import (
	"context"

	db "example.com/shop/internal/store"
)

// Place inserts an order.
func Place(ctx context.Context, userID int64) error {
	_, err := db.DB.ExecContext(ctx, "INSERT INTO orders (user_id) VALUES (?)", userID)
	return err
}

// Cancel marks an order cancelled.
func Cancel(ctx context.Context, id int64) error {
	_, err := db.DB.ExecContext(ctx, "UPDATE orders SET status = 'cancelled' WHERE id = ?", id)
	return err
}
