package stats

// Registry has a NewCounter of its own: not Prometheus.
type Registry struct{}

type Opts struct{ Name string }

func (Registry) NewCounter(opts Opts) int { return 0 }

func Setup(r Registry) int {
	return r.NewCounter(Opts{Name: "login_errors_total"})
}
