/**
 * Connections and concurrency limits: network connections a goroutine may serve, and the limiters (errgroup,
 * semaphore, rate) that bound how many goroutines run at once.
 */
import type { LibraryStub } from './stub';

export const CONCURRENCY_STUBS: LibraryStub[] = [
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
];
