// Package user owns accounts and logins.
package user

import (
	"database/sql"
	"net/http"
)

// Repo reads user accounts.
type Repo struct {
	db *sql.DB
}

// NewRepo returns a Repo over db.
func NewRepo(db *sql.DB) *Repo {
	return &Repo{db: db}
}

func (r *Repo) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var name string
	err := r.db.QueryRowContext(req.Context(), "SELECT name FROM users WHERE id = ?", req.URL.Query().Get("id")).Scan(&name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	_, _ = w.Write([]byte(name))
}
