// Package user owns accounts and logins.
package user

import (
	"context"

	"example.com/shop/internal/store"
)

// PasswordHash reads the hash to check a login against.
func PasswordHash(ctx context.Context, email string) (string, error) {
	var hash string
	err := store.DB.QueryRowContext(ctx, "SELECT hash FROM users WHERE email = ?", email).Scan(&hash)
	return hash, err
}

// Release is the build the user pages show.
func Release() string {
	return store.Version
}
