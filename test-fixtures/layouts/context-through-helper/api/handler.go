package api

import (
	"context"
	"net/http"
)

type Handler struct {
	base string
}

func (h *Handler) audit(ctx context.Context, id string) error { return ctx.Err() }

// The handler hands its request context to helpers declared in another file.
func (h *Handler) Order(w http.ResponseWriter, r *http.Request) {
	if err := h.reserve(r.Context(), r.URL.Query().Get("id")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
