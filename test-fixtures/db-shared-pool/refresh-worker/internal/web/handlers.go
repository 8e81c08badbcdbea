// Package web serves the feed to users.
package web

import (
	"net/http"

	"example.com/feed/internal/platform"
)

func Feed(w http.ResponseWriter, r *http.Request) {
	rows, err := platform.DB.QueryContext(r.Context(), `SELECT id FROM feed_items LIMIT 50`)
	if err != nil {
		http.Error(w, "feed unavailable", http.StatusServiceUnavailable)
		return
	}
	_ = rows.Close()
}
