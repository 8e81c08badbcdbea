package userapp

import (
	"database/sql"
	"net/http"
)

func Routes(m *http.ServeMux, db *sql.DB) {
	m.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		var n int
		_ = db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n)
	})
}
