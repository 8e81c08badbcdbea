package orders

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	failures prometheus.Counter
	inflight prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: "order_submit_failed_total", Help: "Orders that failed to submit."}), // want "metric-no-labels"
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "order_inflight", Help: "Orders being submitted."}),
	}
	reg.MustRegister(m.failures, m.inflight)
	return m
}

func (m *metrics) submit(reason string, err error) {
	m.inflight.Inc()
	defer m.inflight.Dec()
	if err != nil {
		m.failures.Add(1)
	}
}
