// Package fever serves an API for third-party readers: a front-end over the storage, not a business domain.
package fever

import (
	"net/http"

	"example.com/rss/internal/storage"
)

type handler struct{ store *storage.Storage }

func Serve(m *http.ServeMux, store *storage.Storage) {
	h := &handler{store}
	m.HandleFunc("/fever/items", h.items)
	m.HandleFunc("/fever/unread", h.unread)
}

func (h *handler) items(w http.ResponseWriter, r *http.Request) { _, _ = h.store.Entries(r.Context(), 1) }

func (h *handler) unread(w http.ResponseWriter, r *http.Request) { _, _ = h.store.Entries(r.Context(), 2) }
