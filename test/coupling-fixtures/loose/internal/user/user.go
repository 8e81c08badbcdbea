package user

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// User is a customer.
type User struct {
	ID   int64
	Name string
}

// Repo reads users from the user domain's own database.
type Repo struct {
	db *sql.DB
}

// NewRepo wraps the user pool.
func NewRepo(db *sql.DB) *Repo {
	return &Repo{db: db}
}

// Find loads a user.
func (r *Repo) Find(ctx context.Context, id int64) (User, error) {
	if err := validID(id); err != nil {
		return User{}, err
	}
	var u User
	err := r.db.QueryRowContext(ctx, "SELECT id, name FROM users WHERE id = ?", id).Scan(&u.ID, &u.Name)
	u.Name = normalize(u.Name)
	return u, err
}

// Exists reports whether a user exists.
func (r *Repo) Exists(ctx context.Context, id int64) bool {
	_, err := r.Find(ctx, id)
	return err == nil
}

func validID(id int64) error {
	if id <= 0 {
		return errors.New("user id must be positive")
	}
	return nil
}

func normalize(name string) string {
	return strings.TrimSpace(name)
}
