package sync

import prom "github.com/prometheus/client_golang/prometheus"

// The package is imported under another name and the options sit in a local: still a Prometheus counter.
func syncAll(channel string, err error) {
	opts := prom.CounterOpts{Name: "sync_errors_total", Help: "Syncs that failed."}
	failures := prom.NewCounter(opts) // want "metric-no-labels"
	prom.MustRegister(failures)
	if err != nil {
		failures.Inc()
	}
}

// Returned to the caller: a Vec would not fit the caller's Counter, so no fix is offered.
func newTimeouts() prom.Counter {
	return prom.NewCounter(prom.CounterOpts{Name: "sync_timeouts_total"}) // want "metric-no-labels"
}
