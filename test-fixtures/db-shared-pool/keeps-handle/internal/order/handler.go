// Package order serves orders.
package order

import (
	"net/http"

	"github.com/jmoiron/sqlx"
)

// NewHandler serves order pages from db.
func NewHandler(db *sqlx.DB) http.Handler {
	return http.NotFoundHandler()
}
