package coupon

import "example.com/shop/internal/store"

// RedeemedToday counts today's redemptions on the read replica, a pool declared in another package.
func RedeemedToday() (int, error) {
	var n int
	err := store.Replica.QueryRow("SELECT COUNT(*) FROM redemptions WHERE DATE(at) = CURDATE()").Scan(&n)
	return n, err
}
