package ui

import (
	"net/http"

	"example.com/rss/internal/storage"
)

func Serve(m *http.ServeMux, store *storage.Storage) {
	m.HandleFunc("/unread", func(w http.ResponseWriter, r *http.Request) { _, _ = store.Entries(r.Context(), 1) })
}
