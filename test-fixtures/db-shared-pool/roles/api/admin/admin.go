// Package admin is a front-end over the domains, not a domain of its own.
package admin

import (
	"database/sql"
	"net/http"

	"example.com/shop/business/domain/userbus"
)

func Serve(db *sql.DB, users *userbus.Business) {
	http.HandleFunc("/admin/users", func(w http.ResponseWriter, r *http.Request) {
		_, _ = db.ExecContext(r.Context(), `UPDATE users SET seen = now()`)
		_, _ = users.Count(r.Context())
	})
}
