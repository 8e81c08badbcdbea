package tranapp

import (
	"database/sql"
	"net/http"
)

func Routes(m *http.ServeMux, db *sql.DB) {
	m.HandleFunc("/transactions", func(w http.ResponseWriter, r *http.Request) {
		var n int
		_ = db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n)
	})
}
