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

// A select with a default branch never blocks, and nothing in it leaves: a busy loop that never ends.
func (f *Flusher) Watch(in <-chan string) {
	go func() {
		for { // want "goroutine-no-exit"
			select {
			case s := <-in:
				f.buf = append(f.buf, s)
			default:
				time.Sleep(50 * time.Millisecond)
			}
		}
	}()
}

type reader interface {
	Read(p []byte) (int, error)
}

// The read's error is logged and the loop goes on: once the connection is gone, it spins forever.
func (f *Flusher) Pump(r reader) {
	go func() {
		buf := make([]byte, 1024)
		for { // want "goroutine-no-exit"
			n, err := r.Read(buf)
			if err != nil {
				log.Println(err)
				continue
			}
			f.buf = append(f.buf, string(buf[:n]))
		}
	}()
}
