// Package settings serves the admin API for service settings.
package settings

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"time"
)

type Mailbox struct{ ScanInterval string }

// The zero is rejected on the same line, through a method of the parsed value (listmonk's settings handler).
func Update(w http.ResponseWriter, r *http.Request) {
	var m Mailbox
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if d, _ := time.ParseDuration(m.ScanInterval); d.Minutes() < 1 {
		http.Error(w, "invalid scan interval", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// The same from the environment, and through a conversion: still rejected on the spot.
func ScanInterval() (time.Duration, error) {
	if d, _ := time.ParseDuration(os.Getenv("SCAN_INTERVAL")); int64(d.Seconds()) < 60 {
		return 0, errors.New("SCAN_INTERVAL must be at least a minute")
	} else {
		return d, nil
	}
}

// A method of the value used, never compared: a bad value silently becomes 0.
func TickSeconds() float64 {
	d, _ := time.ParseDuration(os.Getenv("TICK")) // want "config-parse-unchecked"
	return d.Seconds()
}
