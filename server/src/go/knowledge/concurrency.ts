/**
 * Time, connections and concurrency limits: tickers whose channels never close, network connections a goroutine
 * may serve, and the limiters (errgroup, semaphore, rate) that bound how many goroutines run at once.
 */
import type { LibraryStub } from './stub';

export const CONCURRENCY_STUBS: LibraryStub[] = [
  {
    paths: ['time'],
    source: `package time
type Duration int64
type Month int
type Weekday int
type Location struct{}
type Time struct{}
type Ticker struct { C <-chan Time }
type Timer struct { C <-chan Time }
const Nanosecond Duration = 1
const Microsecond Duration = 1000
const Millisecond Duration = 1000000
const Second Duration = 1000000000
const Minute Duration = 60000000000
const Hour Duration = 3600000000000
func Now() Time
func Since(t Time) Duration
func Until(t Time) Duration
func Sleep(d Duration)
func After(d Duration) <-chan Time
func Tick(d Duration) <-chan Time
func AfterFunc(d Duration, f func()) *Timer
func NewTicker(d Duration) *Ticker
func NewTimer(d Duration) *Timer
func ParseDuration(s string) (Duration, error)
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool
func (t Time) Add(d Duration) Time
func (t Time) Sub(u Time) Duration
func (t Time) Before(u Time) bool
func (t Time) After(u Time) bool
func (t Time) IsZero() bool
func (t Time) Unix() int64
func (d Duration) Seconds() float64
func (d Duration) Milliseconds() int64
func (d Duration) String() string
`,
  },
  {
    paths: ['net'],
    source: `package net
import "time"
type Addr interface { Network() string; String() string }
type Conn interface {
	Read(b []byte) (n int, err error)
	Write(b []byte) (n int, err error)
	Close() error
	LocalAddr() Addr
	RemoteAddr() Addr
	SetDeadline(t time.Time) error
	SetReadDeadline(t time.Time) error
	SetWriteDeadline(t time.Time) error
}
type Listener interface { Accept() (Conn, error); Close() error; Addr() Addr }
type TCPConn struct{}
type UDPConn struct{}
type UnixConn struct{}
type TCPListener struct{}
type Dialer struct { Timeout time.Duration; KeepAlive time.Duration }
func Dial(network, address string) (Conn, error)
func DialTimeout(network, address string, timeout time.Duration) (Conn, error)
func Listen(network, address string) (Listener, error)
func (c *TCPConn) Read(b []byte) (int, error)
func (c *TCPConn) Write(b []byte) (int, error)
func (c *TCPConn) Close() error
func (c *TCPConn) SetDeadline(t time.Time) error
func (c *TCPConn) SetReadDeadline(t time.Time) error
func (l *TCPListener) Accept() (Conn, error)
func (l *TCPListener) AcceptTCP() (*TCPConn, error)
`,
  },
  {
    paths: ['sync'],
    source: `package sync
type Locker interface { Lock(); Unlock() }
type Mutex struct{}
type RWMutex struct{}
type WaitGroup struct{}
type Once struct{}
type Map struct{}
type Pool struct { New func() any }
type Cond struct { L Locker }
func NewCond(l Locker) *Cond
func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()
func (wg *WaitGroup) Wait()
func (wg *WaitGroup) Go(f func())
func (o *Once) Do(f func())
func (c *Cond) Wait()
func (c *Cond) Signal()
func (c *Cond) Broadcast()
`,
  },
  {
    paths: ['golang.org/x/sync/errgroup'],
    source: `package errgroup
import "context"
type Group struct{}
func WithContext(ctx context.Context) (*Group, context.Context)
func (g *Group) Go(f func() error)
func (g *Group) TryGo(f func() error) bool
func (g *Group) SetLimit(n int)
func (g *Group) Wait() error
`,
  },
  {
    paths: ['golang.org/x/sync/semaphore'],
    source: `package semaphore
import "context"
type Weighted struct{}
func NewWeighted(n int64) *Weighted
func (s *Weighted) Acquire(ctx context.Context, n int64) error
func (s *Weighted) TryAcquire(n int64) bool
func (s *Weighted) Release(n int64)
`,
  },
  {
    paths: ['golang.org/x/time/rate'],
    source: `package rate
import ("context"; "time")
type Limit float64
type Limiter struct{}
func NewLimiter(r Limit, b int) *Limiter
func Every(interval time.Duration) Limit
func (lim *Limiter) Wait(ctx context.Context) error
func (lim *Limiter) WaitN(ctx context.Context, n int) error
func (lim *Limiter) Allow() bool
func (lim *Limiter) Reserve() any
`,
  },
  {
    paths: ['github.com/nats-io/nats.go'],
    source: `package nats
import "time"
type Conn struct{}
type Msg struct { Subject string; Reply string; Data []byte; Sub *Subscription }
type MsgHandler func(msg *Msg)
type Subscription struct{}
func Connect(url string, options ...any) (*Conn, error)
func (nc *Conn) Subscribe(subj string, cb MsgHandler) (*Subscription, error)
func (nc *Conn) SubscribeSync(subj string) (*Subscription, error)
func (nc *Conn) ChanSubscribe(subj string, ch chan *Msg) (*Subscription, error)
func (nc *Conn) Close()
func (s *Subscription) NextMsg(timeout time.Duration) (*Msg, error)
func (s *Subscription) Unsubscribe() error
`,
  },
  {
    paths: ['github.com/IBM/sarama', 'github.com/Shopify/sarama'],
    source: `package sarama
type ConsumerMessage struct { Topic string; Partition int32; Offset int64; Key []byte; Value []byte }
type ConsumerGroupClaim interface { Topic() string; Partition() int32; Messages() <-chan *ConsumerMessage }
type PartitionConsumer interface { Messages() <-chan *ConsumerMessage; Close() error }
type ConsumerGroupSession interface { MarkMessage(msg *ConsumerMessage, metadata string) }
`,
  },
  {
    paths: ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'],
    source: `package amqp
type Connection struct{}
type Channel struct{}
type Table map[string]any
type Delivery struct { Body []byte; RoutingKey string }
func Dial(url string) (*Connection, error)
func (c *Connection) Channel() (*Channel, error)
func (c *Connection) Close() error
func (ch *Channel) Consume(queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args Table) (<-chan Delivery, error)
func (ch *Channel) Close() error
func (d Delivery) Ack(multiple bool) error
`,
  },
];
