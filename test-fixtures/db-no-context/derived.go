package user

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Handler struct {
	db *sql.DB
}

// Delete derives its own deadline from the request: the fix passes that context, not r.Context().
func (h *Handler) Delete(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := h.db.Exec("DELETE FROM users WHERE id = ?", r.URL.Query().Get("id")); err != nil { // want "db-no-context"
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	go func() {
		_, _ = h.db.Exec("INSERT INTO audit (action) VALUES ('delete')") // want "db-no-context"
	}()
	w.WriteHeader(http.StatusNoContent)
	_ = ctx
}
