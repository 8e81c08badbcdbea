// Package coupon validates and redeems coupons, one at a time or by the batch.
package coupon

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// redeemed counts redemptions by outcome: the labelled way to count.
var redeemed = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "coupon_redeemed_total",
	Help: "Coupon redemptions by outcome.",
}, []string{"outcome"})

// Service redeems coupons.
type Service struct {
	db *sql.DB
}

// NewService returns a Service over db.
func NewService(db *sql.DB) *Service {
	return &Service{db: db}
}

// Valid reports whether a coupon code can still be used.
func (s *Service) Valid(parent context.Context, code string) (bool, error) {
	ctx, cancel := context.WithTimeout(parent, 300*time.Millisecond)
	var used bool
	err := s.db.QueryRowContext(ctx, "SELECT used FROM coupons WHERE code = ?", code).Scan(&used)
	if err != nil {
		return false, err
	}
	cancel()
	return !used, nil
}

// RedeemBatch marks every code of a batch used, all at once.
func (s *Service) RedeemBatch(ctx context.Context, codes []string) int {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed int
	)
	for _, code := range codes {
		wg.Add(1)
		go func(code string) {
			defer wg.Done()
			_, err := s.db.ExecContext(ctx, "UPDATE coupons SET used = 1 WHERE code = ? AND used = 0", code)
			if err != nil {
				redeemed.WithLabelValues("error").Inc()
				mu.Lock()
				failed++
				mu.Unlock()
				return
			}
			redeemed.WithLabelValues("ok").Inc()
		}(code)
	}
	wg.Wait()
	return failed
}
