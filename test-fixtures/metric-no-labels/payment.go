package payment

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var paymentCallbackErrors = prometheus.NewCounter(prometheus.CounterOpts{ // want "metric-no-labels"
	Name: "payment_callback_errors_total",
	Help: "Payment callbacks that could not be processed.",
})

var gatewayLatency prometheus.Histogram = promauto.NewHistogram(prometheus.HistogramOpts{ // want "metric-no-labels"
	Name: "gateway_request_seconds",
	Help: "Gateway calls, including the ones that timed out.",
})

func init() {
	prometheus.MustRegister(paymentCallbackErrors)
}

func HandleCallback(channel string, seconds float64, err error) {
	gatewayLatency.Observe(seconds)
	if err != nil {
		paymentCallbackErrors.Inc()
	}
}
