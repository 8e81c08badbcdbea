package coupon

import (
	"context"

	"example.com/tight/internal/store"
	"example.com/tight/internal/user"
)

// Coupon is a discount code.
type Coupon struct {
	Code  string
	Value int64
}

// Redeem checks a code against the user's level.
func Redeem(ctx context.Context, code string, level int) (int64, error) {
	var value int64
	var minLevel int
	err := store.DB.QueryRowContext(ctx, "SELECT value, min_level FROM coupons WHERE code = ?", code).Scan(&value, &minLevel)
	if err != nil || level < minLevel {
		return 0, err
	}
	return value, nil
}

// ListByUser joins coupons with the users table.
func ListByUser(ctx context.Context, userID int64) ([]Coupon, error) {
	u, err := user.Find(ctx, userID)
	if err != nil {
		return nil, err
	}
	rows, err := store.DB.QueryContext(ctx, "SELECT c.code, c.value FROM coupons c JOIN users u ON u.level >= c.min_level WHERE u.id = ?", u.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Coupon
	for rows.Next() {
		var c Coupon
		if err := rows.Scan(&c.Code, &c.Value); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Saved sums the values.
func Saved(coupons []Coupon) int64 {
	var sum int64
	for _, c := range coupons {
		sum += c.Value
	}
	return sum
}
