// Package user serves accounts.
package user

import (
	"database/sql"
	"net/http"

	"github.com/jmoiron/sqlx"
)

// NewHandler serves account pages from db.
func NewHandler(db *sqlx.DB) http.Handler {
	return http.NotFoundHandler()
}

// NewLegacyHandler serves the v1 account pages.
func NewLegacyHandler(db *sql.DB) http.Handler {
	return http.NotFoundHandler()
}
