package coupon

import (
	"context"
	"database/sql"
	"time"
)

type ctxKey struct{}

func RedeemBatch(db *sql.DB, codes []string) (int64, error) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "batch")
	var total int64
	res, err := db.ExecContext(ctx, "UPDATE coupons SET used = 1 WHERE batch = ?", "b1") // want "db-context-no-deadline"
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	total += n
	row := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM coupons WHERE used = 0") // want "db-context-no-deadline"
	var left int64
	if err := row.Scan(&left); err != nil {
		return total, err
	}
	time.Sleep(time.Millisecond)
	return total, nil
}

func Expire(db *sql.DB) error {
	bg := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := db.ExecContext(bg, "DELETE FROM coupons WHERE expired = 1 LIMIT 100"); err != nil { // want "db-context-no-deadline"
			return err
		}
	}
	return nil
}
