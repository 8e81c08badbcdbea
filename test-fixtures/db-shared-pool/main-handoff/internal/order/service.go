// Package order places and lists orders.
package order

import (
	"database/sql"
	"net/http"

	"example.com/shop/internal/user"
)

// Service handles order requests.
type Service struct {
	db    *sql.DB
	users *user.Repo
}

// NewService returns a Service; users is only read, never handed the pool.
func NewService(db *sql.DB, users *user.Repo) *Service {
	return &Service{db: db, users: users}
}

func (s *Service) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	_, err := s.db.ExecContext(req.Context(), "INSERT INTO orders (user_id) VALUES (?)", req.FormValue("user"))
	if err != nil {
		http.Error(w, "cannot place order", http.StatusInternalServerError)
	}
}
