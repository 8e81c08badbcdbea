// Package user owns accounts and logins.
package user

import (
	"context"
	"database/sql"
	"errors"
)

// ErrNotFound is returned when no account matches.
var ErrNotFound = errors.New("user not found")

// User is an account as the API shows it.
type User struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Repo reads and writes accounts.
type Repo struct {
	db *sql.DB
}

// NewRepo returns a Repo over db.
func NewRepo(db *sql.DB) *Repo {
	return &Repo{db: db}
}

// Get loads one account.
func (r *Repo) Get(ctx context.Context, id int64) (User, error) {
	var u User
	err := r.db.QueryRow("SELECT id, name, email FROM users WHERE id = ?", id).Scan(&u.ID, &u.Name, &u.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	return u, err
}

// Rename changes an account's display name; this one already passes the caller's context.
func (r *Repo) Rename(ctx context.Context, id int64, name string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE users SET name = ? WHERE id = ?", name, id)
	return err
}
