package jobs

import "time"

// Serve keeps the pool warm for the life of the process; main starts it once.
func Serve(p *Pool) {
	for {
		time.Sleep(time.Minute)
		p.jobs <- func() {}
	}
}
