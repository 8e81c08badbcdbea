package order

import (
	"context"

	"example.com/tight/internal/coupon"
	"example.com/tight/internal/store"
	"example.com/tight/internal/user"
)

// Order is a purchase.
type Order struct {
	ID     int64
	UserID int64
	Amount int64
}

// Place checks the user, applies a coupon and writes the order, all in one place.
func Place(ctx context.Context, userID int64, amount int64, code string) (Order, error) {
	u, err := user.Find(ctx, userID)
	if err != nil {
		return Order{}, err
	}
	discount, err := coupon.Redeem(ctx, code, u.Level)
	if err != nil {
		return Order{}, err
	}
	if _, err := store.DB.ExecContext(ctx, "UPDATE coupons SET used = 1 WHERE code = ?", code); err != nil {
		return Order{}, err
	}
	res, err := store.DB.ExecContext(ctx, "INSERT INTO orders (user_id, amount) VALUES (?, ?)", u.ID, amount-discount)
	if err != nil {
		return Order{}, err
	}
	id, _ := res.LastInsertId()
	return Order{ID: id, UserID: u.ID, Amount: amount - discount}, nil
}

// ListByUser lists a user's orders.
func ListByUser(ctx context.Context, userID int64) ([]Order, error) {
	rows, err := store.DB.QueryContext(ctx, "SELECT id, user_id, amount FROM orders WHERE user_id = ?", userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.UserID, &o.Amount); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Total sums the amounts.
func Total(orders []Order) int64 {
	var sum int64
	for _, o := range orders {
		sum += o.Amount
	}
	return sum
}
