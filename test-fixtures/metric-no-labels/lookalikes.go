package orders

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Already a Vec: the failure has dimensions.
var callbackErrors = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "payment_callback_errors_total",
	Help: "Payment callbacks that failed, by channel and reason.",
}, []string{"channel", "reason"})

// Not about failures.
var requests = prometheus.NewCounter(prometheus.CounterOpts{
	Name: "http_requests_total",
	Help: "Requests served.",
})

// A constant label already names the one cause this counter is for.
var redisTimeouts = prometheus.NewCounter(prometheus.CounterOpts{
	Name:        "cache_timeouts_total",
	Help:        "Cache calls that timed out.",
	ConstLabels: prometheus.Labels{"backend": "redis"},
})

// "terror" and "errand" contain the letters but not the word.
var errands = prometheus.NewGauge(prometheus.GaugeOpts{
	Name: "terror_errand_queue",
	Help: "Errands waiting.",
})

// A caveat in parentheses does not make a queue-depth gauge a failure metric.
var queued = prometheus.NewGauge(prometheus.GaugeOpts{
	Name: "rest_queued_count",
	Help: "Requests waiting in the queue (may be off after errors).",
})

type fakeRegistry struct{}

func (fakeRegistry) NewCounter(name string) int { return 0 }

// A NewCounter that is not Prometheus.
func Other(r fakeRegistry) int {
	return r.NewCounter("login_failures")
}
