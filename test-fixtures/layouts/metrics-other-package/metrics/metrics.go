package metrics

import (
	prom "github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// PaymentErrors is used by the payment package: a Vec conversion here would break it there, so no fix.
var PaymentErrors = promauto.NewCounter(prom.CounterOpts{ // want "metric-no-labels"
	Name: "payment_errors_total",
	Help: "Payments that failed.",
})

var refundOpts = prom.CounterOpts{Name: "refund_failures_total", Help: "Refunds that failed."}

// The options come from a variable of this package: its literal is not read, so it is not judged.
var RefundFailures = prom.NewCounter(refundOpts)
