// Package app is the public front-end over the same data model.
package app

import (
	"database/sql"
	"net/http"

	"example.com/shop/business/domain/productbus"
)

func Serve(db *sql.DB, products *productbus.Business) {
	http.HandleFunc("/products", func(w http.ResponseWriter, r *http.Request) {
		_, _ = db.QueryContext(r.Context(), `SELECT id FROM products`)
		_, _ = products.Count(r.Context())
	})
}
