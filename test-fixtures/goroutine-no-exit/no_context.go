package metrics

import (
	"log"
	"time"
)

type Flusher struct {
	buf []string
}

// No context anywhere in reach: reported, with no automatic fix.
func (f *Flusher) Start() {
	go func() {
		for { // want "goroutine-no-exit"
			time.Sleep(10 * time.Second)
			log.Println(len(f.buf))
			f.buf = f.buf[:0]
		}
	}()
	go f.spin()
}

func (f *Flusher) spin() {
	for range time.Tick(time.Second) { // want "goroutine-no-exit"
		switch len(f.buf) {
		case 0:
			break
		default:
			log.Println("pending")
		}
	}
}
