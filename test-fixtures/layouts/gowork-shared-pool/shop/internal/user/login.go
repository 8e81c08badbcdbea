package user

import (
	"context"

	"example.com/platform/db"
)

func Login(ctx context.Context, email string) (hash string, err error) {
	err = db.Pool.QueryRowContext(ctx, `SELECT hash FROM users WHERE email = $1`, email).Scan(&hash)
	return hash, err
}
