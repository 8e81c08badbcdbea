/** Message brokers and RPC clients whose addresses are written in code: gRPC, AMQP, Sarama (Kafka), NATS. */
import type { LibraryStub } from './stub';

export const MESSAGING_STUBS: LibraryStub[] = [
  {
    paths: ['google.golang.org/grpc'],
    source: `package grpc
import "context"
type ClientConn struct{}
type DialOption interface{}
func Dial(target string, opts ...DialOption) (*ClientConn, error)
func DialContext(ctx context.Context, target string, opts ...DialOption) (conn *ClientConn, err error)
func NewClient(target string, opts ...DialOption) (conn *ClientConn, err error)
func (cc *ClientConn) Close() error
`,
  },
  {
    paths: ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'],
    source: `package amqp
import "crypto/tls"
type Config struct{}
type Connection struct{}
type Channel struct{}
func Dial(url string) (*Connection, error)
func DialTLS(url string, amqps *tls.Config) (*Connection, error)
func DialConfig(url string, config Config) (*Connection, error)
func (c *Connection) Channel() (*Channel, error)
func (c *Connection) Close() error
`,
  },
  {
    paths: ['github.com/IBM/sarama', 'github.com/Shopify/sarama'],
    source: `package sarama
type Config struct{}
type Client interface{}
type Consumer interface{}
type ConsumerGroup interface{}
type SyncProducer interface{}
type AsyncProducer interface{}
type ClusterAdmin interface{}
func NewConfig() *Config
func NewClient(addrs []string, conf *Config) (Client, error)
func NewConsumer(addrs []string, config *Config) (Consumer, error)
func NewConsumerGroup(addrs []string, groupID string, config *Config) (ConsumerGroup, error)
func NewSyncProducer(addrs []string, config *Config) (SyncProducer, error)
func NewAsyncProducer(addrs []string, conf *Config) (AsyncProducer, error)
func NewClusterAdmin(addrs []string, conf *Config) (ClusterAdmin, error)
`,
  },
  {
    paths: ['github.com/nats-io/nats.go'],
    source: `package nats
type Conn struct{}
type Option func(*Options) error
type Options struct{ Url string; Servers []string }
func Connect(url string, options ...Option) (*Conn, error)
func (nc *Conn) Close()
`,
  },
];
