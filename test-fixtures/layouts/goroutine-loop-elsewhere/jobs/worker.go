package jobs

// work runs jobs for the life of the process; nothing stops it on shutdown.
func (p *Pool) work() {
	for { // want "goroutine-no-exit"
		job := <-p.jobs
		job()
	}
}

// drain returns once Stop closes quit.
func (p *Pool) drain() {
	for {
		select {
		case <-p.quit:
			return
		case job := <-p.jobs:
			job()
		}
	}
}

// spin loops the same way, but nothing starts it with go.
func (p *Pool) spin() {
	for {
		job := <-p.jobs
		job()
	}
}
