// Package order places orders.
package order

import (
	"context"

	st "example.com/shop/internal/store"
)

// Place inserts an order row.
func Place(ctx context.Context, userID int64) error {
	_, err := st.DB.ExecContext(ctx, "INSERT INTO orders (user_id) VALUES (?)", userID)
	return err
}

// Notify posts to the webhook with the shared HTTP client: sharing that is fine.
func Notify(url string) error {
	resp, err := st.Client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
