// Package user owns logins.
package user

import (
	"context"

	"example.com/shop/internal/store"
)

// Exists reports whether an account uses email.
func Exists(ctx context.Context, email string) (bool, error) {
	var n int
	err := store.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE email = ?", email).Scan(&n)
	return n > 0, err
}
