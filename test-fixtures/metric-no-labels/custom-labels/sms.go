package sms

import "github.com/prometheus/client_golang/prometheus"

var sendTimeouts = prometheus.NewSummary(prometheus.SummaryOpts{Name: "sms_send_timeout_seconds"}) // want "metric-no-labels"

func Send(provider string, seconds float64) {
	sendTimeouts.Observe(seconds)
}
