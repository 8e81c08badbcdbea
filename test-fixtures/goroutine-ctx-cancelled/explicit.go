package orders

import (
	"context"
	"log"
	"time"
)

func publish(ctx context.Context, topic string) {
	log.Println(topic, ctx.Value("tenant"))
}

// The cancel is called by hand once the function is done with its own work; the goroutine is still running.
func Explicit(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	go publish(ctx, "orders.created") // want "goroutine-ctx-cancelled"
	log.Println("published")
	cancel()
}

// Called before the goroutine starts: the context is already dead, a different bug, not this rule's.
func TooEarly(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	cancel()
	go publish(ctx, "orders.cancelled")
}
