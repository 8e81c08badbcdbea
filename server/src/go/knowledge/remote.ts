/** net/http, context and the WebSocket libraries: clients, requests, contexts and connections. */
import type { LibraryStub } from './stub';

export const REMOTE_STUBS: LibraryStub[] = [
  {
    paths: ['context', 'golang.org/x/net/context'],
    source: `package context
import "time"
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}
type CancelFunc func()
type CancelCauseFunc func(cause error)
func Background() Context
func TODO() Context
func WithCancel(parent Context) (Context, CancelFunc)
func WithCancelCause(parent Context) (Context, CancelCauseFunc)
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc)
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc)
func WithValue(parent Context, key any, val any) Context
func WithoutCancel(parent Context) Context
func WithTimeoutCause(parent Context, timeout time.Duration, cause error) (Context, CancelFunc)
func WithDeadlineCause(parent Context, d time.Time, cause error) (Context, CancelFunc)
func AfterFunc(ctx Context, f func()) (stop func() bool)
func Cause(c Context) error
`,
  },
  {
    paths: ['net/http'],
    source: `package http
import ("context"; "io"; "net/url"; "time")
type Header map[string][]string
type RoundTripper interface { RoundTrip(*Request) (*Response, error) }
type Transport struct { ResponseHeaderTimeout time.Duration; IdleConnTimeout time.Duration }
type Client struct { Transport RoundTripper; Timeout time.Duration }
type Request struct { Method string; URL *url.URL; Header Header; Body io.ReadCloser; Host string; RemoteAddr string }
type Response struct { Status string; StatusCode int; Header Header; Body io.ReadCloser; Request *Request }
type ResponseWriter interface { Header() Header; Write([]byte) (int, error); WriteHeader(statusCode int) }
type Handler interface { ServeHTTP(ResponseWriter, *Request) }
type HandlerFunc func(ResponseWriter, *Request)
type ServeMux struct{}
type Server struct { Addr string; Handler Handler; ReadTimeout time.Duration; ReadHeaderTimeout time.Duration; WriteTimeout time.Duration; IdleTimeout time.Duration }
var DefaultClient *Client
var DefaultTransport RoundTripper
func Get(url string) (*Response, error)
func Head(url string) (*Response, error)
func Post(url string, contentType string, body io.Reader) (*Response, error)
func PostForm(url string, data url.Values) (*Response, error)
func NewRequest(method string, url string, body io.Reader) (*Request, error)
func NewRequestWithContext(ctx context.Context, method string, url string, body io.Reader) (*Request, error)
func NewServeMux() *ServeMux
func HandleFunc(pattern string, handler func(ResponseWriter, *Request))
func ListenAndServe(addr string, handler Handler) error
func (c *Client) Do(req *Request) (*Response, error)
func (c *Client) Get(url string) (*Response, error)
func (c *Client) Head(url string) (*Response, error)
func (c *Client) Post(url string, contentType string, body io.Reader) (*Response, error)
func (c *Client) PostForm(url string, data url.Values) (*Response, error)
func (c *Client) CloseIdleConnections()
func (r *Request) Context() context.Context
func (r *Request) WithContext(ctx context.Context) *Request
func (r *Request) Clone(ctx context.Context) *Request
func (r *Request) FormValue(key string) string
func (mux *ServeMux) HandleFunc(pattern string, handler func(ResponseWriter, *Request))
func (mux *ServeMux) Handle(pattern string, handler Handler)
func (srv *Server) ListenAndServe() error
func (srv *Server) Shutdown(ctx context.Context) error
`,
  },
  {
    paths: ['github.com/gorilla/websocket', 'github.com/fasthttp/websocket'],
    source: `package websocket
import ("context"; "net"; "net/http"; "net/url"; "time"; "io")
type Upgrader struct { ReadBufferSize int; WriteBufferSize int; HandshakeTimeout time.Duration; CheckOrigin func(r *http.Request) bool }
type Dialer struct { HandshakeTimeout time.Duration }
type Conn struct{}
var DefaultDialer *Dialer
func Upgrade(w http.ResponseWriter, r *http.Request, responseHeader http.Header, readBufSize, writeBufSize int) (*Conn, error)
func NewClient(netConn net.Conn, u *url.URL, requestHeader http.Header, readBufSize, writeBufSize int) (c *Conn, response *http.Response, err error)
func (u *Upgrader) Upgrade(w http.ResponseWriter, r *http.Request, responseHeader http.Header) (*Conn, error)
func (d *Dialer) Dial(urlStr string, requestHeader http.Header) (*Conn, *http.Response, error)
func (d *Dialer) DialContext(ctx context.Context, urlStr string, requestHeader http.Header) (*Conn, *http.Response, error)
func (c *Conn) ReadMessage() (messageType int, p []byte, err error)
func (c *Conn) ReadJSON(v any) error
func (c *Conn) NextReader() (messageType int, r io.Reader, err error)
func (c *Conn) WriteMessage(messageType int, data []byte) error
func (c *Conn) WriteJSON(v any) error
func (c *Conn) WriteControl(messageType int, data []byte, deadline time.Time) error
func (c *Conn) SetReadDeadline(t time.Time) error
func (c *Conn) SetWriteDeadline(t time.Time) error
func (c *Conn) SetPongHandler(h func(appData string) error)
func (c *Conn) SetPingHandler(h func(appData string) error)
func (c *Conn) SetReadLimit(limit int64)
func (c *Conn) Close() error
func (c *Conn) UnderlyingConn() net.Conn
func (c *Conn) NetConn() net.Conn
func (c *Conn) RemoteAddr() net.Addr
`,
  },
  {
    paths: ['github.com/gofiber/websocket/v2', 'github.com/gofiber/contrib/websocket'],
    source: `package websocket
import fws "github.com/fasthttp/websocket"
type Conn struct { *fws.Conn }
func New(handler func(*Conn), config ...any) any
func (c *Conn) Locals(key string) any
func (c *Conn) Params(key string, defaultValue ...string) string
`,
  },
  {
    paths: ['nhooyr.io/websocket', 'github.com/coder/websocket'],
    source: `package websocket
import ("context"; "io"; "net/http")
type Conn struct{}
type MessageType int
type AcceptOptions struct{}
type DialOptions struct{}
func Accept(w http.ResponseWriter, r *http.Request, opts *AcceptOptions) (*Conn, error)
func Dial(ctx context.Context, u string, opts *DialOptions) (*Conn, *http.Response, error)
func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error)
func (c *Conn) Reader(ctx context.Context) (MessageType, io.Reader, error)
func (c *Conn) Write(ctx context.Context, typ MessageType, p []byte) error
func (c *Conn) Close(code int, reason string) error
func (c *Conn) CloseNow() error
func (c *Conn) CloseRead(ctx context.Context) context.Context
func (c *Conn) SetReadLimit(n int64)
`,
  },
  {
    paths: ['nhooyr.io/websocket/wsjson', 'github.com/coder/websocket/wsjson'],
    source: `package wsjson
import ("context"; "nhooyr.io/websocket")
func Read(ctx context.Context, c *websocket.Conn, v any) error
func Write(ctx context.Context, c *websocket.Conn, v any) error
`,
  },
];
