package platform

import (
	"context"
	"os"

	"github.com/IBM/sarama"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"google.golang.org/grpc"
)

const brokerAddr = "127.0.0.1:9092" // want "config-hardcoded-dsn"

// Dev addresses that a production build would quietly connect to.
func Connect(ctx context.Context) error {
	cache := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // want "config-hardcoded-dsn"
	defer cache.Close()
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"10.0.1.5:6379", "10.0.1.6:6379"}}) // want "config-hardcoded-dsn" "config-hardcoded-dsn"
	_ = cluster
	producer, err := sarama.NewSyncProducer([]string{brokerAddr}, sarama.NewConfig())
	if err != nil {
		return err
	}
	_ = producer
	w := &kafka.Writer{Addr: kafka.TCP("kafka-dev:9092"), Topic: "orders"} // want "config-hardcoded-dsn"
	_ = w
	conn, err := grpc.Dial("localhost:50051") // want "config-hardcoded-dsn"
	if err != nil {
		return err
	}
	defer conn.Close()
	mq, err := amqp.Dial("amqp://guest:guest@192.168.1.20:5672/") // want "config-hardcoded-dsn"
	if err != nil {
		return err
	}
	return mq.Close()
}

// Production names and configured addresses are not reported.
func ConnectConfigured() {
	_ = redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	_ = redis.NewClient(&redis.Options{Addr: "redis:6379"})
	_ = redis.NewClient(&redis.Options{Addr: "cache.prod.internal:6379"})
	_, _ = grpc.Dial("unix:///var/run/agent.sock")
	_ = kafka.NewReader(kafka.ReaderConfig{Brokers: []string{"kafka-1.prod:9092"}, Topic: "orders"})
}

// An Options of our own with an Addr: not go-redis.
type Options struct{ Addr string }

var local = Options{Addr: "localhost:6379"}
