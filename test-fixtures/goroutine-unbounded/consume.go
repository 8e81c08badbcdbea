package consumer

import (
	"context"
	"log"
	"time"

	"github.com/gorilla/websocket"
	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
)

func handle(v any) { log.Println(v) }

// One goroutine per Kafka message: a backlog starts them all at once.
func ConsumeOrders(ctx context.Context, r *kafka.Reader) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		go handle(m) // want "goroutine-unbounded"
	}
}

// One goroutine per Redis pub/sub message.
func Subscribe(ctx context.Context, rdb *redis.Client) {
	sub := rdb.Subscribe(ctx, "orders")
	defer sub.Close()
	for msg := range sub.Channel() {
		go handle(msg.Payload) // want "goroutine-unbounded"
	}
}

// One goroutine per WebSocket message.
func Relay(conn *websocket.Conn) {
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		go func() { // want "goroutine-unbounded"
			handle(data)
		}()
	}
}

// One goroutine per message received in a select loop.
func Pump(ctx context.Context, in <-chan []byte) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-in:
			go handle(m) // want "goroutine-unbounded"
		}
	}
}

// One goroutine per NATS message pulled from a subscription.
func Pull(sub *nats.Subscription) {
	for {
		msg, err := sub.NextMsg(time.Second)
		if err != nil {
			continue
		}
		go handle(msg.Data) // want "goroutine-unbounded"
	}
}
