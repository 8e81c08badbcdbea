// Package coupon serves coupons.
package coupon

import (
	"database/sql"
	"net/http"
)

// NewLegacyHandler serves coupon pages from db.
func NewLegacyHandler(db *sql.DB) http.Handler {
	return http.NotFoundHandler()
}
