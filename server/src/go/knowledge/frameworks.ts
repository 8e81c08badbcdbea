/** Web frameworks, configuration and messaging clients: gin, echo, viper, fsnotify, etcd, Redis, Kafka. */
import type { LibraryStub } from './stub';

export const FRAMEWORK_STUBS: LibraryStub[] = [
  {
    paths: ['github.com/gin-gonic/gin'],
    source: `package gin
import ("context"; "net/http")
type HandlerFunc func(*Context)
type H map[string]any
type IRoutes interface{}
type ResponseWriter interface{ http.ResponseWriter }
type RouterGroup struct{}
type Engine struct { RouterGroup }
type Context struct { Request *http.Request; Writer ResponseWriter }
func New() *Engine
func Default() *Engine
func Recovery() HandlerFunc
func Logger() HandlerFunc
func (group *RouterGroup) Use(middleware ...HandlerFunc) IRoutes
func (group *RouterGroup) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup
func (group *RouterGroup) GET(relativePath string, handlers ...HandlerFunc) IRoutes
func (group *RouterGroup) POST(relativePath string, handlers ...HandlerFunc) IRoutes
func (group *RouterGroup) PUT(relativePath string, handlers ...HandlerFunc) IRoutes
func (group *RouterGroup) DELETE(relativePath string, handlers ...HandlerFunc) IRoutes
func (engine *Engine) Use(middleware ...HandlerFunc) IRoutes
func (engine *Engine) Run(addr ...string) error
func (c *Context) FullPath() string
func (c *Context) Param(key string) string
func (c *Context) Query(key string) string
func (c *Context) PostForm(key string) string
func (c *Context) GetHeader(key string) string
func (c *Context) Get(key string) (value any, exists bool)
func (c *Context) Set(key string, value any)
func (c *Context) Next()
func (c *Context) Abort()
func (c *Context) JSON(code int, obj any)
func (c *Context) String(code int, format string, values ...any)
func (c *Context) Bind(obj any) error
func (c *Context) ShouldBind(obj any) error
func (c *Context) ShouldBindJSON(obj any) error
func (c *Context) Deadline() (deadline any, ok bool)
func (c *Context) Done() <-chan struct{}
func (c *Context) Err() error
func (c *Context) Value(key any) any
func (c *Context) Copy() *Context
func (c *Context) Context() context.Context
`,
  },
  {
    paths: ['go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin'],
    source: `package otelgin
import "github.com/gin-gonic/gin"
type Option interface{}
func Middleware(service string, opts ...Option) gin.HandlerFunc
`,
  },
  {
    paths: ['go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp'],
    source: `package otelhttp
import "net/http"
type Option interface{}
func NewHandler(handler http.Handler, operation string, opts ...Option) http.Handler
func NewMiddleware(operation string, opts ...Option) func(http.Handler) http.Handler
`,
  },
  {
    paths: ['github.com/labstack/echo/v4', 'github.com/labstack/echo'],
    source: `package echo
import "net/http"
type HandlerFunc func(c Context) error
type MiddlewareFunc func(next HandlerFunc) HandlerFunc
type Echo struct{}
type Context interface {
	Request() *http.Request
	Response() any
	Param(name string) string
	QueryParam(name string) string
	Bind(i any) error
	JSON(code int, i any) error
	String(code int, s string) error
}
func New() *Echo
func (e *Echo) Use(middleware ...MiddlewareFunc)
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) any
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) any
func (e *Echo) Start(address string) error
`,
  },
  {
    paths: ['github.com/spf13/viper'],
    source: `package viper
import ("time"; "github.com/fsnotify/fsnotify")
type Viper struct{}
func New() *Viper
func GetViper() *Viper
func OnConfigChange(run func(in fsnotify.Event))
func WatchConfig()
func ReadInConfig() error
func MergeInConfig() error
func Unmarshal(rawVal any, opts ...any) error
func UnmarshalKey(key string, rawVal any, opts ...any) error
func UnmarshalExact(rawVal any, opts ...any) error
func SetConfigFile(in string)
func SetConfigName(in string)
func SetConfigType(in string)
func AddConfigPath(in string)
func SetEnvPrefix(in string)
func AutomaticEnv()
func BindEnv(input ...string) error
func SetDefault(key string, value any)
func Set(key string, value any)
func IsSet(key string) bool
func AllSettings() map[string]any
func Sub(key string) *Viper
func Get(key string) any
func GetString(key string) string
func GetInt(key string) int
func GetInt32(key string) int32
func GetInt64(key string) int64
func GetUint(key string) uint
func GetFloat64(key string) float64
func GetBool(key string) bool
func GetDuration(key string) time.Duration
func GetTime(key string) time.Time
func GetStringSlice(key string) []string
func GetIntSlice(key string) []int
func GetStringMap(key string) map[string]any
func GetStringMapString(key string) map[string]string
func GetSizeInBytes(key string) uint
func (v *Viper) OnConfigChange(run func(in fsnotify.Event))
func (v *Viper) WatchConfig()
func (v *Viper) ReadInConfig() error
func (v *Viper) MergeInConfig() error
func (v *Viper) Unmarshal(rawVal any, opts ...any) error
func (v *Viper) UnmarshalKey(key string, rawVal any, opts ...any) error
func (v *Viper) UnmarshalExact(rawVal any, opts ...any) error
func (v *Viper) SetConfigFile(in string)
func (v *Viper) SetConfigName(in string)
func (v *Viper) SetConfigType(in string)
func (v *Viper) AddConfigPath(in string)
func (v *Viper) SetEnvPrefix(in string)
func (v *Viper) AutomaticEnv()
func (v *Viper) BindEnv(input ...string) error
func (v *Viper) SetDefault(key string, value any)
func (v *Viper) Set(key string, value any)
func (v *Viper) IsSet(key string) bool
func (v *Viper) AllSettings() map[string]any
func (v *Viper) Sub(key string) *Viper
func (v *Viper) Get(key string) any
func (v *Viper) GetString(key string) string
func (v *Viper) GetInt(key string) int
func (v *Viper) GetInt32(key string) int32
func (v *Viper) GetInt64(key string) int64
func (v *Viper) GetUint(key string) uint
func (v *Viper) GetFloat64(key string) float64
func (v *Viper) GetBool(key string) bool
func (v *Viper) GetDuration(key string) time.Duration
func (v *Viper) GetTime(key string) time.Time
func (v *Viper) GetStringSlice(key string) []string
func (v *Viper) GetIntSlice(key string) []int
func (v *Viper) GetStringMap(key string) map[string]any
func (v *Viper) GetStringMapString(key string) map[string]string
func (v *Viper) GetSizeInBytes(key string) uint
`,
  },
  {
    paths: ['github.com/fsnotify/fsnotify', 'gopkg.in/fsnotify.v1', 'gopkg.in/fsnotify/fsnotify.v1'],
    source: `package fsnotify
type Op uint32
type Event struct { Name string; Op Op }
type Watcher struct { Events chan Event; Errors chan error }
func NewWatcher() (*Watcher, error)
func (w *Watcher) Add(name string) error
func (w *Watcher) Remove(name string) error
func (w *Watcher) Close() error
`,
  },
  {
    paths: ['go.etcd.io/etcd/client/v3', 'github.com/coreos/etcd/clientv3', 'go.etcd.io/etcd/clientv3'],
    source: `package clientv3
import "context"
type Config struct{ Endpoints []string }
type WatchResponse struct{}
type WatchChan <-chan WatchResponse
type Watcher interface { Watch(ctx context.Context, key string, opts ...any) WatchChan }
type KV interface{}
type Client struct { Watcher; KV }
func New(cfg Config) (*Client, error)
func NewWatcher(c *Client) Watcher
func (c *Client) Close() error
`,
  },
  {
    paths: ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v9', 'github.com/go-redis/redis/v7', 'github.com/go-redis/redis'],
    source: `package redis
import "context"
type Options struct{ Addr string; Password string; DB int }
type ClusterOptions struct{ Addrs []string; Password string }
type UniversalOptions struct{ Addrs []string; Password string; DB int }
type FailoverOptions struct{ MasterName string; SentinelAddrs []string; Password string }
type Client struct{}
type ClusterClient struct{}
type UniversalClient interface{}
func ParseURL(redisURL string) (*Options, error)
func NewClusterClient(opt *ClusterOptions) *ClusterClient
func NewUniversalClient(opts *UniversalOptions) UniversalClient
func NewFailoverClient(failoverOpt *FailoverOptions) *Client
type PubSub struct{}
type Message struct{ Channel string; Payload string }
type StringCmd struct{}
type StatusCmd struct{}
func NewClient(opt *Options) *Client
func (c *Client) Subscribe(ctx context.Context, channels ...string) *PubSub
func (c *Client) PSubscribe(ctx context.Context, channels ...string) *PubSub
func (c *Client) Get(ctx context.Context, key string) *StringCmd
func (c *Client) Close() error
func (c *PubSub) Channel(opts ...any) <-chan *Message
func (c *PubSub) ReceiveMessage(ctx context.Context) (*Message, error)
func (c *PubSub) Close() error
`,
  },
  {
    paths: ['github.com/segmentio/kafka-go'],
    source: `package kafka
import ("context"; "net")
type ReaderConfig struct{ Brokers []string; Topic string; GroupID string }
type WriterConfig struct{ Brokers []string; Topic string }
type Writer struct{ Addr net.Addr; Topic string }
type Conn struct{}
func TCP(address ...string) net.Addr
func Dial(network string, address string) (*Conn, error)
func DialContext(ctx context.Context, network string, address string) (*Conn, error)
func DialLeader(ctx context.Context, network string, address string, topic string, partition int) (*Conn, error)
func NewWriter(config WriterConfig) *Writer
type Message struct{ Topic string; Key []byte; Value []byte }
type Reader struct{}
func NewReader(config ReaderConfig) *Reader
func (r *Reader) ReadMessage(ctx context.Context) (Message, error)
func (r *Reader) FetchMessage(ctx context.Context) (Message, error)
func (r *Reader) CommitMessages(ctx context.Context, msgs ...Message) error
func (r *Reader) Close() error
`,
  },
];
