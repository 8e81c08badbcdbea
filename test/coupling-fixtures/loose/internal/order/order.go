package order

import (
	"context"
	"database/sql"
	"errors"
)

// Order is a purchase.
type Order struct {
	ID     int64
	UserID int64
	Amount int64
}

// Users is what the order domain needs from the user domain: a narrow port, defined here.
type Users interface {
	Exists(ctx context.Context, id int64) bool
}

// Service places orders in the order domain's own database.
type Service struct {
	db    *sql.DB
	users Users
}

// NewService wires the order pool and the user port.
func NewService(db *sql.DB, users Users) *Service {
	return &Service{db: db, users: users}
}

// Place writes an order after checking its input.
func (s *Service) Place(ctx context.Context, userID, amount int64) (Order, error) {
	if err := validate(amount); err != nil {
		return Order{}, err
	}
	if !s.users.Exists(ctx, userID) {
		return Order{}, errors.New("unknown user")
	}
	res, err := s.db.ExecContext(ctx, "INSERT INTO orders (user_id, amount) VALUES (?, ?)", userID, amount)
	if err != nil {
		return Order{}, err
	}
	id, err := res.LastInsertId()
	return Order{ID: id, UserID: userID, Amount: amount}, err
}

func validate(amount int64) error {
	if amount <= 0 {
		return errors.New("amount must be positive")
	}
	return nil
}
