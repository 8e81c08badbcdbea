package coupon

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Service validates coupon codes against the coupon domain's own database.
type Service struct {
	db *sql.DB
}

// NewService wraps the coupon pool.
func NewService(db *sql.DB) *Service {
	return &Service{db: db}
}

// Value returns the discount of a code.
func (s *Service) Value(ctx context.Context, code string) (int64, error) {
	code = canonical(code)
	if err := check(code); err != nil {
		return 0, err
	}
	var value int64
	err := s.db.QueryRowContext(ctx, "SELECT value FROM coupons WHERE code = ?", code).Scan(&value)
	return value, err
}

func canonical(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}

func check(code string) error {
	if code == "" {
		return errors.New("empty coupon code")
	}
	return nil
}
