package worker

import (
	"context"
	"log"
	"net/http"
	"time"
)

type Poller struct {
	client *http.Client
	ticker *time.Ticker
}

// Start polls forever: the ctx it was given is never consulted.
func (p *Poller) Start(ctx context.Context, url string) {
	go func() {
		for { // want "goroutine-no-exit"
			resp, err := p.client.Get(url)
			if err == nil {
				resp.Body.Close()
			}
			time.Sleep(time.Second)
		}
	}()
}

// Report logs on every tick; the ticker's channel is never closed, so the range never ends.
func (p *Poller) Report(ctx context.Context) {
	go func() {
		for now := range p.ticker.C { // want "goroutine-no-exit"
			log.Printf("still polling at %s", now)

			log.Println("next tick")
		}
	}()
}

func (p *Poller) Drain(ctx context.Context, events <-chan string) {
	go p.drain(ctx, events)
}

// drain is a named function started with go: its select waits on events and a timer, never on ctx.
func (p *Poller) drain(ctx context.Context, events <-chan string) error {
	for { // want "goroutine-no-exit"
		select {
		case e := <-events:
			log.Println(e)
		case <-time.After(time.Minute):
			log.Println("idle")
		}
	}
}

// Heartbeat has no ctx parameter, but the request carries one.
func Heartbeat(w http.ResponseWriter, r *http.Request) {
	tick := time.NewTicker(time.Second)
	go func() {
		for range tick.C { // want "goroutine-no-exit"
			log.Println("beat")
		}
	}()
}

// Follow derives its own ctx before starting the goroutine.
func Follow(parent context.Context, lines chan string) {
	ctx, cancel := context.WithCancel(parent)
	_ = cancel
	go func() {
		for {
			line := <-lines // want-above "goroutine-no-exit"
			log.Println(line)
		}
	}()
	_ = ctx
}
