// Package health answers probes.
package health

import (
	"database/sql"
	"net/http"
)

// New pings db on every probe.
func New(db *sql.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
}
