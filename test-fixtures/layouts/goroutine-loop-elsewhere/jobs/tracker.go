package jobs

import "time"

type tracker struct {
	id   string
	seen int
}

// poll counts ticks until the process exits: one more goroutine per tracked request.
func (t *tracker) poll() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for range tick.C { // want "goroutine-no-exit"
		t.seen++
	}
}
