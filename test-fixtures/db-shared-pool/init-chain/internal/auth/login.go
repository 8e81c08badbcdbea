// Package auth checks logins.
package auth

import (
	"database/sql"
	"net/http"
)

func Mount(db *sql.DB) {
	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		var hash string
		_ = db.QueryRowContext(r.Context(), `SELECT hash FROM users WHERE email = ?`, r.FormValue("email")).Scan(&hash)
	})
}
