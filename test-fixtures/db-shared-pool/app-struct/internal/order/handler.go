// Package order serves orders.
package order

import (
	"database/sql"
	"log"
	"net/http"
)

// Handler serves orders.
type Handler struct {
	db     *sql.DB
	logger *log.Logger
}

// NewHandler serves orders from db.
func NewHandler(db *sql.DB, logger *log.Logger) *Handler {
	return &Handler{db: db, logger: logger}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.logger.Println("orders", r.URL.Path)
}
