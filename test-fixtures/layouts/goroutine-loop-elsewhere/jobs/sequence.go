package jobs

// sequence numbers jobs for the life of the process: the loop has no condition, so nothing ends it.
type sequence struct {
	next chan int
}

func (s *sequence) run() {
	for n := 1; ; n++ { // want "goroutine-no-exit"
		s.next <- n
	}
}

// count stops at the limit: a condition is a way out.
func (s *sequence) count(limit int) {
	for n := 1; n <= limit; n++ {
		s.next <- n
	}
}
