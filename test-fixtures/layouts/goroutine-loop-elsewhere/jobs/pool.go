package jobs

// Pool runs jobs on a fixed number of workers, declared in worker.go.
type Pool struct {
	jobs chan func()
	quit chan struct{}
	ids  *sequence
}

func NewPool() *Pool {
	return &Pool{jobs: make(chan func()), quit: make(chan struct{})}
}

// Start is called once when the service starts.
func (p *Pool) Start(workers int) {
	for i := 0; i < workers; i++ {
		go p.work()
	}
	go p.drain()
	go p.ids.run()
	go p.ids.count(workers)
}

func (p *Pool) Stop() { close(p.quit) }
