/** Message brokers and RPC clients: where their addresses are written in code, and how their consumers read messages. */
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
type Table map[string]any
type Delivery struct { Body []byte; RoutingKey string }
func Dial(url string) (*Connection, error)
func DialTLS(url string, amqps *tls.Config) (*Connection, error)
func DialConfig(url string, config Config) (*Connection, error)
func (c *Connection) Channel() (*Channel, error)
func (c *Connection) Close() error
func (ch *Channel) Consume(queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args Table) (<-chan Delivery, error)
func (ch *Channel) Close() error
func (d Delivery) Ack(multiple bool) error
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
type ConsumerMessage struct { Topic string; Partition int32; Offset int64; Key []byte; Value []byte }
type ConsumerGroupClaim interface { Topic() string; Partition() int32; Messages() <-chan *ConsumerMessage }
type PartitionConsumer interface { Messages() <-chan *ConsumerMessage; Close() error }
type ConsumerGroupSession interface { MarkMessage(msg *ConsumerMessage, metadata string) }
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
import "time"
type Conn struct{}
type Option func(*Options) error
type Options struct{ Url string; Servers []string }
type Msg struct { Subject string; Reply string; Data []byte; Sub *Subscription }
type MsgHandler func(msg *Msg)
type Subscription struct{}
func Connect(url string, options ...Option) (*Conn, error)
func (nc *Conn) Close()
func (nc *Conn) Subscribe(subj string, cb MsgHandler) (*Subscription, error)
func (nc *Conn) SubscribeSync(subj string) (*Subscription, error)
func (nc *Conn) ChanSubscribe(subj string, ch chan *Msg) (*Subscription, error)
func (s *Subscription) NextMsg(timeout time.Duration) (*Msg, error)
func (s *Subscription) Unsubscribe() error
`,
  },
];
