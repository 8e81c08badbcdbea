package worker

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"time"
)

// Returns when the context ends.
func watch(ctx context.Context, events <-chan string) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-events:
				log.Println(e)
			}
		}
	}()
}

// A labeled break leaves the loop, not just the select.
func watchLabeled(ctx context.Context, ticker *time.Ticker) {
	go func() {
	loop:
		for range ticker.C {
			select {
			case <-ctx.Done():
				break loop
			default:
				log.Println("tick")
			}
		}
		ticker.Stop()
	}()
}

// The loop condition ends it.
func countdown(n int) {
	go func() {
		for n > 0 {
			n--
		}
	}()
}

// Ranging over an ordinary channel ends when the sender closes it.
func consume(jobs <-chan int) {
	go func() {
		for j := range jobs {
			log.Println(j)
		}
	}()
}

// A blocking read whose error ends the loop.
func readAll(conn net.Conn) {
	go func() {
		buf := make([]byte, 512)
		for {
			n, err := conn.Read(buf)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				log.Println(err)
				return
			}
			log.Println(n)
		}
	}()
}

// A quit channel, closed by Stop.
type Pump struct {
	quit chan struct{}
	in   chan string
}

func (p *Pump) Run() {
	go p.loop()
}

func (p *Pump) loop() {
	for {
		select {
		case <-p.quit:
			return
		case s := <-p.in:
			log.Println(s)
		}
	}
}

// An endless loop outside any goroutine is somebody else's concern.
func serveForever(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		c.Close()
	}
}

// Goroutines started once per process are meant to live with it.
var startOnce sync.Once

func startJanitor() {
	startOnce.Do(func() {
		go func() {
			for range time.Tick(time.Minute) {
				log.Println("sweep")
			}
		}()
	})
}

func init() {
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
}

// Panicking and continuing an outer loop are ways out too.
func retry(ctx context.Context, attempts [][]string) {
	go func() {
	outer:
		for _, batch := range attempts {
			for {
				if len(batch) == 0 {
					continue outer
				}
				if batch[0] == "" {
					panic("empty item")
				}
				batch = batch[1:]
			}
		}
	}()
}

// An inner closure's return does not end the loop, but the loop's own return does.
func waitForSignal(signals <-chan string) {
	go func() {
		for {
			handle := func(s string) bool { return s == "stop" }
			if handle(<-signals) {
				return
			}
		}
	}()
}

// A singleton started behind a package-level guard lives with the process.
var (
	reaperStarted bool
	reaperMu      sync.Mutex
)

func startReaper() {
	reaperMu.Lock()
	defer reaperMu.Unlock()
	if reaperStarted {
		return
	}
	reaperStarted = true
	go func() {
		for {
			time.Sleep(time.Minute)
			log.Println("reap")
		}
	}()
}
