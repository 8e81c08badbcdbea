package worker

import (
	"context"
	"log"
	"time"
)

// The break meant to stop the goroutine only leaves the select: the classic way such loops leak.
func poll(ctx context.Context, ticker *time.Ticker) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				break // want "goroutine-no-exit"
			case t := <-ticker.C:
				log.Println(t)
			}
		}
	}()
}

// A quit channel with the same mistake, in a named function.
func listen(stop chan struct{}, in chan string) {
	go relay(stop, in)
}

func relay(stop chan struct{}, in chan string) {
	for {
		select {
		case <-stop:
			log.Println("stopping")
			break // want "goroutine-no-exit"
		case s := <-in:
			log.Println(s)
		}
	}
}

// Cleanup follows the loop: the fix labels the loop so that the cleanup still runs.
func tail(ctx context.Context, ticker *time.Ticker, lines <-chan string) {
	go func() {
		for {
			select {
			case line := <-lines:
				log.Println(line)
			case <-ctx.Done():
				break // want "goroutine-no-exit"
			}
		}
		ticker.Stop()
	}()
}
