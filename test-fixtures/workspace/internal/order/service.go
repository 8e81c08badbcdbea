// Package order places orders and expires the ones never paid.
package order

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// Order is a placed order.
type Order struct {
	ID       int64  `json:"id"`
	UserID   int64  `json:"user_id"`
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
	Status   string `json:"status"`
}

// Service places and looks up orders.
type Service struct {
	db     *sql.DB
	tracer trace.Tracer
}

// NewService returns a Service over db.
func NewService(db *sql.DB, tracer trace.Tracer) *Service {
	return &Service{db: db, tracer: tracer}
}

// Place stores a new order and returns its id.
func (s *Service) Place(ctx context.Context, o Order) (int64, error) {
	ctx, span := s.tracer.Start(ctx, "order.Place")
	if o.Quantity <= 0 {
		return 0, fmt.Errorf("quantity must be positive, got %d", o.Quantity)
	}
	res, err := s.db.ExecContext(ctx, "INSERT INTO orders (user_id, sku, quantity, status) VALUES (?, ?, ?, 'pending')", o.UserID, o.SKU, o.Quantity)
	if err != nil {
		return 0, fmt.Errorf("insert order: %w", err)
	}
	span.End()
	return res.LastInsertId()
}

// Status reads an order's status.
func (s *Service) Status(ctx context.Context, id int64) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 800*time.Millisecond)
	defer cancel()
	var status string
	err := s.db.QueryRowContext(ctx, "SELECT status FROM orders WHERE id = ?", id).Scan(&status)
	return status, err
}

// MarkPaid records a successful payment.
func (s *Service) MarkPaid(ctx context.Context, id int64) error {
	ctx, cancel := context.WithTimeout(ctx, 800*time.Millisecond)
	defer cancel()
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET status = 'paid' WHERE id = ?", id)
	return err
}

// ExpireStale cancels orders left unpaid for 30 minutes.
func (s *Service) ExpireStale() (int64, error) {
	res, err := s.db.ExecContext(context.Background(), "UPDATE orders SET status = 'expired' WHERE status = 'pending' AND created_at < NOW() - INTERVAL 30 MINUTE")
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// StartExpiry runs ExpireStale every interval for as long as the process lives.
func (s *Service) StartExpiry(interval time.Duration) {
	ticker := time.NewTicker(interval)
	go func() {
		for range ticker.C {
			if _, err := s.ExpireStale(); err != nil {
				continue
			}
		}
	}()
}
