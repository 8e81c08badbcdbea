package user

import (
	"context"

	"example.com/tight/internal/store"
)

// User is a customer.
type User struct {
	ID    int64
	Name  string
	Level int
}

// Find loads a user.
func Find(ctx context.Context, id int64) (User, error) {
	var u User
	row := store.DB.QueryRowContext(ctx, "SELECT id, name, level FROM users WHERE id = ?", id)
	return u, row.Scan(&u.ID, &u.Name, &u.Level)
}

// OrderCount reads the order table directly instead of asking the order domain.
func OrderCount(ctx context.Context, id int64) (int, error) {
	var n int
	err := store.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM orders WHERE user_id = ?", id).Scan(&n)
	return n, err
}
