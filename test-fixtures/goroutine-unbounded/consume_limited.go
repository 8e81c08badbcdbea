package consumer

import (
	"context"
	"log"
	"net"

	"github.com/segmentio/kafka-go"
)

// A fixed pool of workers reads the stream: four goroutines, whatever the backlog.
func Workers(ctx context.Context, r *kafka.Reader) {
	jobs := make(chan kafka.Message)
	for i := 0; i < 4; i++ {
		go func() {
			for m := range jobs {
				handle(m)
			}
		}()
	}
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			close(jobs)
			return
		}
		jobs <- m
	}
}

// A semaphore taken before each start bounds the consumer.
func Bounded(ctx context.Context, r *kafka.Reader) {
	slots := make(chan struct{}, 16)
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		slots <- struct{}{}
		go func(m kafka.Message) {
			defer func() { <-slots }()
			handle(m)
		}(m)
	}
}

// The message is handled in the loop; the goroutine only reports progress once per batch read.
func Inline(ctx context.Context, r *kafka.Reader, progress func()) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		handle(m)
		go progress()
	}
}

// One goroutine per connection is how Go servers serve: not a fan-out over input.
func Serve(l net.Listener) {
	for {
		conn, err := l.Accept()
		if err != nil {
			log.Println(err)
			return
		}
		go func() {
			defer conn.Close()
			handle(conn.RemoteAddr())
		}()
	}
}
