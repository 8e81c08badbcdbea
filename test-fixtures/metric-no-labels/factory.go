package auth

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// A promauto factory bound to a registry.
func newMetrics(reg prometheus.Registerer) prometheus.Counter {
	factory := promauto.With(reg)
	return factory.NewCounter(prometheus.CounterOpts{Name: "login_failures_total", Help: "Logins that failed."}) // want "metric-no-labels"
}
