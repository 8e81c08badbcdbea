/** Loggers, metrics and tracing: the standard log package, slog, zap, zerolog, logrus, Prometheus, OpenTelemetry. */
import type { LibraryStub } from './stub';

export const OBSERVABILITY_STUBS: LibraryStub[] = [
  {
    paths: ['log'],
    source: `package log
import "io"
type Logger struct{}
func New(out io.Writer, prefix string, flag int) *Logger
func Default() *Logger
func Print(v ...any)
func Printf(format string, v ...any)
func Println(v ...any)
func Fatal(v ...any)
func Fatalf(format string, v ...any)
func Fatalln(v ...any)
func Panic(v ...any)
func Panicf(format string, v ...any)
func Panicln(v ...any)
func SetOutput(w io.Writer)
func SetFlags(flag int)
func SetPrefix(prefix string)
func Flags() int
func Prefix() string
func Writer() io.Writer
func Output(calldepth int, s string) error
func (l *Logger) Print(v ...any)
func (l *Logger) Printf(format string, v ...any)
func (l *Logger) Println(v ...any)
func (l *Logger) Fatal(v ...any)
func (l *Logger) Fatalf(format string, v ...any)
func (l *Logger) Fatalln(v ...any)
func (l *Logger) Panic(v ...any)
func (l *Logger) Panicf(format string, v ...any)
func (l *Logger) Panicln(v ...any)
func (l *Logger) Output(calldepth int, s string) error
func (l *Logger) SetOutput(w io.Writer)
func (l *Logger) SetPrefix(prefix string)
func (l *Logger) Writer() io.Writer
func (l *Logger) Flags() int
func (l *Logger) SetFlags(flag int)
func (l *Logger) Prefix() string
`,
  },
  {
    paths: ['log/slog', 'golang.org/x/exp/slog'],
    source: `package slog
import "context"
type Logger struct{}
type Attr struct{ Key string }
type Handler interface{}
type Level int
func New(h Handler) *Logger
func Default() *Logger
func SetDefault(l *Logger)
func With(args ...any) *Logger
func Debug(msg string, args ...any)
func Info(msg string, args ...any)
func Warn(msg string, args ...any)
func Error(msg string, args ...any)
func DebugContext(ctx context.Context, msg string, args ...any)
func InfoContext(ctx context.Context, msg string, args ...any)
func WarnContext(ctx context.Context, msg string, args ...any)
func ErrorContext(ctx context.Context, msg string, args ...any)
func String(key string, value string) Attr
func Int(key string, value int) Attr
func Any(key string, value any) Attr
func Bool(key string, v bool) Attr
func Int64(key string, value int64) Attr
func Uint64(key string, v uint64) Attr
func Float64(key string, v float64) Attr
func Group(key string, args ...any) Attr
func Log(ctx context.Context, level Level, msg string, args ...any)
func (l *Logger) Handler() Handler
func (l *Logger) With(args ...any) *Logger
func (l *Logger) WithGroup(name string) *Logger
func (l *Logger) Debug(msg string, args ...any)
func (l *Logger) Info(msg string, args ...any)
func (l *Logger) Warn(msg string, args ...any)
func (l *Logger) Error(msg string, args ...any)
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any)
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any)
func (l *Logger) WarnContext(ctx context.Context, msg string, args ...any)
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any)
func (l *Logger) Log(ctx context.Context, level Level, msg string, args ...any)
func (l *Logger) LogAttrs(ctx context.Context, level Level, msg string, attrs ...Attr)
`,
  },
  {
    paths: ['go.uber.org/zap'],
    source: `package zap
import "time"
type Logger struct{}
type SugaredLogger struct{}
type Field struct{ Key string }
type Option interface{}
type Config struct{}
func NewProduction(options ...Option) (*Logger, error)
func NewDevelopment(options ...Option) (*Logger, error)
func NewExample(options ...Option) *Logger
func NewNop() *Logger
func NewProductionConfig() Config
func NewDevelopmentConfig() Config
func Must(logger *Logger, err error) *Logger
func L() *Logger
func S() *SugaredLogger
func ReplaceGlobals(logger *Logger) func()
func String(key string, val string) Field
func Strings(key string, ss []string) Field
func Int(key string, val int) Field
func Int32(key string, val int32) Field
func Int64(key string, val int64) Field
func Uint64(key string, val uint64) Field
func Bool(key string, val bool) Field
func Float64(key string, val float64) Field
func Duration(key string, val time.Duration) Field
func Time(key string, val time.Time) Field
func Error(err error) Field
func NamedError(key string, err error) Field
func Any(key string, value any) Field
func Reflect(key string, val any) Field
func Stack(key string) Field
func (cfg Config) Build(opts ...Option) (*Logger, error)
func (log *Logger) With(fields ...Field) *Logger
func (log *Logger) WithOptions(opts ...Option) *Logger
func (log *Logger) Named(s string) *Logger
func (log *Logger) Sugar() *SugaredLogger
func (log *Logger) Debug(msg string, fields ...Field)
func (log *Logger) Info(msg string, fields ...Field)
func (log *Logger) Warn(msg string, fields ...Field)
func (log *Logger) Error(msg string, fields ...Field)
func (log *Logger) DPanic(msg string, fields ...Field)
func (log *Logger) Panic(msg string, fields ...Field)
func (log *Logger) Fatal(msg string, fields ...Field)
func (log *Logger) Sync() error
func (s *SugaredLogger) With(args ...any) *SugaredLogger
func (s *SugaredLogger) Named(name string) *SugaredLogger
func (s *SugaredLogger) Desugar() *Logger
func (s *SugaredLogger) Debug(args ...any)
func (s *SugaredLogger) Debugf(template string, args ...any)
func (s *SugaredLogger) Debugw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Info(args ...any)
func (s *SugaredLogger) Infof(template string, args ...any)
func (s *SugaredLogger) Infow(msg string, keysAndValues ...any)
func (s *SugaredLogger) Warn(args ...any)
func (s *SugaredLogger) Warnf(template string, args ...any)
func (s *SugaredLogger) Warnw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Error(args ...any)
func (s *SugaredLogger) Errorf(template string, args ...any)
func (s *SugaredLogger) Errorw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Fatal(args ...any)
func (s *SugaredLogger) Fatalf(template string, args ...any)
func (s *SugaredLogger) Fatalw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Panic(args ...any)
func (s *SugaredLogger) Panicf(template string, args ...any)
func (s *SugaredLogger) Panicw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Sync() error
`,
  },
  {
    paths: ['github.com/rs/zerolog'],
    source: `package zerolog
import ("context"; "io"; "time")
type Logger struct{}
type Event struct{}
type Context struct{}
type Level int8
type LogObjectMarshaler interface{}
func New(w io.Writer) Logger
func Nop() Logger
func Ctx(ctx context.Context) *Logger
func Dict() *Event
func SetGlobalLevel(l Level)
func (l Logger) With() Context
func (l Logger) Level(lvl Level) Logger
func (l Logger) Output(w io.Writer) Logger
func (l *Logger) Trace() *Event
func (l *Logger) Debug() *Event
func (l *Logger) Info() *Event
func (l *Logger) Warn() *Event
func (l *Logger) Error() *Event
func (l *Logger) Err(err error) *Event
func (l *Logger) Fatal() *Event
func (l *Logger) Panic() *Event
func (l *Logger) WithLevel(level Level) *Event
func (l *Logger) Log() *Event
func (l *Logger) Print(v ...any)
func (l *Logger) Printf(format string, v ...any)
func (l *Logger) Println(v ...any)
func (l *Logger) UpdateContext(update func(c Context) Context)
func (l *Logger) WithContext(ctx context.Context) context.Context
func (e *Event) Str(key string, val string) *Event
func (e *Event) Strs(key string, vals []string) *Event
func (e *Event) Stringer(key string, val any) *Event
func (e *Event) Bytes(key string, val []byte) *Event
func (e *Event) Hex(key string, val []byte) *Event
func (e *Event) RawJSON(key string, b []byte) *Event
func (e *Event) Int(key string, i int) *Event
func (e *Event) Int32(key string, i int32) *Event
func (e *Event) Int64(key string, i int64) *Event
func (e *Event) Uint(key string, i uint) *Event
func (e *Event) Uint64(key string, i uint64) *Event
func (e *Event) Float64(key string, f float64) *Event
func (e *Event) Bool(key string, b bool) *Event
func (e *Event) Time(key string, t time.Time) *Event
func (e *Event) Dur(key string, d time.Duration) *Event
func (e *Event) Err(err error) *Event
func (e *Event) AnErr(key string, err error) *Event
func (e *Event) Errs(key string, errs []error) *Event
func (e *Event) Stack() *Event
func (e *Event) Caller(skip ...int) *Event
func (e *Event) Timestamp() *Event
func (e *Event) Any(key string, i any) *Event
func (e *Event) Interface(key string, i any) *Event
func (e *Event) Dict(key string, dict *Event) *Event
func (e *Event) Fields(fields any) *Event
func (e *Event) Object(key string, obj LogObjectMarshaler) *Event
func (e *Event) EmbedObject(obj LogObjectMarshaler) *Event
func (e *Event) Ctx(ctx context.Context) *Event
func (e *Event) Func(f func(e *Event)) *Event
func (e *Event) Enabled() bool
func (e *Event) Discard() *Event
func (e *Event) Msg(msg string)
func (e *Event) Msgf(format string, v ...any)
func (e *Event) MsgFunc(createMsg func() string)
func (e *Event) Send()
func (c Context) Str(key string, val string) Context
func (c Context) Strs(key string, vals []string) Context
func (c Context) Int(key string, i int) Context
func (c Context) Int64(key string, i int64) Context
func (c Context) Bool(key string, b bool) Context
func (c Context) Err(err error) Context
func (c Context) Any(key string, i any) Context
func (c Context) Interface(key string, i any) Context
func (c Context) Fields(fields any) Context
func (c Context) Dict(key string, dict *Event) Context
func (c Context) Timestamp() Context
func (c Context) Caller() Context
func (c Context) Stack() Context
func (c Context) Ctx(ctx context.Context) Context
func (c Context) Logger() Logger
`,
  },
  {
    paths: ['github.com/rs/zerolog/log'],
    source: `package log
import ("context"; "io"; "github.com/rs/zerolog")
var Logger zerolog.Logger
func With() zerolog.Context
func Output(w io.Writer) zerolog.Logger
func Level(level zerolog.Level) zerolog.Logger
func Trace() *zerolog.Event
func Debug() *zerolog.Event
func Info() *zerolog.Event
func Warn() *zerolog.Event
func Error() *zerolog.Event
func Err(err error) *zerolog.Event
func Fatal() *zerolog.Event
func Panic() *zerolog.Event
func WithLevel(level zerolog.Level) *zerolog.Event
func Log() *zerolog.Event
func Print(v ...any)
func Printf(format string, v ...any)
func Ctx(ctx context.Context) *zerolog.Logger
`,
  },
  {
    paths: ['github.com/sirupsen/logrus'],
    source: `package logrus
import ("context"; "io"; "time")
type Logger struct{ Out io.Writer }
type Entry struct{ Logger *Logger; Data Fields }
type Fields map[string]any
type Level uint32
type Formatter interface{}
type JSONFormatter struct{}
type TextFormatter struct{}
type FieldLogger interface {
	WithField(key string, value any) *Entry
	WithFields(fields Fields) *Entry
	WithError(err error) *Entry
	Debug(args ...any)
	Debugf(format string, args ...any)
	Debugln(args ...any)
	Info(args ...any)
	Infof(format string, args ...any)
	Infoln(args ...any)
	Print(args ...any)
	Printf(format string, args ...any)
	Println(args ...any)
	Warn(args ...any)
	Warnf(format string, args ...any)
	Warnln(args ...any)
	Warning(args ...any)
	Warningf(format string, args ...any)
	Warningln(args ...any)
	Error(args ...any)
	Errorf(format string, args ...any)
	Errorln(args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Fatalln(args ...any)
	Panic(args ...any)
	Panicf(format string, args ...any)
	Panicln(args ...any)
}
type Ext1FieldLogger interface{ FieldLogger }
func New() *Logger
func NewEntry(logger *Logger) *Entry
func StandardLogger() *Logger
func SetLevel(level Level)
func SetFormatter(formatter Formatter)
func SetOutput(out io.Writer)
func WithField(key string, value any) *Entry
func WithFields(fields Fields) *Entry
func WithError(err error) *Entry
func WithContext(ctx context.Context) *Entry
func WithTime(t time.Time) *Entry
func Debug(args ...any)
func Debugf(format string, args ...any)
func Debugln(args ...any)
func Info(args ...any)
func Infof(format string, args ...any)
func Infoln(args ...any)
func Print(args ...any)
func Printf(format string, args ...any)
func Println(args ...any)
func Warn(args ...any)
func Warnf(format string, args ...any)
func Warnln(args ...any)
func Warning(args ...any)
func Warningf(format string, args ...any)
func Warningln(args ...any)
func Error(args ...any)
func Errorf(format string, args ...any)
func Errorln(args ...any)
func Fatal(args ...any)
func Fatalf(format string, args ...any)
func Fatalln(args ...any)
func Panic(args ...any)
func Panicf(format string, args ...any)
func Panicln(args ...any)
func (logger *Logger) SetLevel(level Level)
func (logger *Logger) SetFormatter(formatter Formatter)
func (logger *Logger) SetOutput(output io.Writer)
func (logger *Logger) WithField(key string, value any) *Entry
func (logger *Logger) WithFields(fields Fields) *Entry
func (logger *Logger) WithError(err error) *Entry
func (logger *Logger) WithContext(ctx context.Context) *Entry
func (logger *Logger) WithTime(t time.Time) *Entry
func (logger *Logger) Debug(args ...any)
func (logger *Logger) Debugf(format string, args ...any)
func (logger *Logger) Debugln(args ...any)
func (logger *Logger) Info(args ...any)
func (logger *Logger) Infof(format string, args ...any)
func (logger *Logger) Infoln(args ...any)
func (logger *Logger) Print(args ...any)
func (logger *Logger) Printf(format string, args ...any)
func (logger *Logger) Println(args ...any)
func (logger *Logger) Warn(args ...any)
func (logger *Logger) Warnf(format string, args ...any)
func (logger *Logger) Warnln(args ...any)
func (logger *Logger) Warning(args ...any)
func (logger *Logger) Warningf(format string, args ...any)
func (logger *Logger) Warningln(args ...any)
func (logger *Logger) Error(args ...any)
func (logger *Logger) Errorf(format string, args ...any)
func (logger *Logger) Errorln(args ...any)
func (logger *Logger) Fatal(args ...any)
func (logger *Logger) Fatalf(format string, args ...any)
func (logger *Logger) Fatalln(args ...any)
func (logger *Logger) Panic(args ...any)
func (logger *Logger) Panicf(format string, args ...any)
func (logger *Logger) Panicln(args ...any)
func (entry *Entry) WithField(key string, value any) *Entry
func (entry *Entry) WithFields(fields Fields) *Entry
func (entry *Entry) WithError(err error) *Entry
func (entry *Entry) WithContext(ctx context.Context) *Entry
func (entry *Entry) WithTime(t time.Time) *Entry
func (entry *Entry) Debug(args ...any)
func (entry *Entry) Debugf(format string, args ...any)
func (entry *Entry) Debugln(args ...any)
func (entry *Entry) Info(args ...any)
func (entry *Entry) Infof(format string, args ...any)
func (entry *Entry) Infoln(args ...any)
func (entry *Entry) Print(args ...any)
func (entry *Entry) Printf(format string, args ...any)
func (entry *Entry) Println(args ...any)
func (entry *Entry) Warn(args ...any)
func (entry *Entry) Warnf(format string, args ...any)
func (entry *Entry) Warnln(args ...any)
func (entry *Entry) Warning(args ...any)
func (entry *Entry) Warningf(format string, args ...any)
func (entry *Entry) Warningln(args ...any)
func (entry *Entry) Error(args ...any)
func (entry *Entry) Errorf(format string, args ...any)
func (entry *Entry) Errorln(args ...any)
func (entry *Entry) Fatal(args ...any)
func (entry *Entry) Fatalf(format string, args ...any)
func (entry *Entry) Fatalln(args ...any)
func (entry *Entry) Panic(args ...any)
func (entry *Entry) Panicf(format string, args ...any)
func (entry *Entry) Panicln(args ...any)
`,
  },
  {
    paths: ['github.com/prometheus/client_golang/prometheus'],
    source: `package prometheus
type Opts struct{ Namespace string; Subsystem string; Name string; Help string; ConstLabels Labels }
type Labels map[string]string
type CounterOpts Opts
type GaugeOpts Opts
type HistogramOpts struct{ Namespace string; Subsystem string; Name string; Help string; ConstLabels Labels; Buckets []float64 }
type SummaryOpts struct{ Namespace string; Subsystem string; Name string; Help string; ConstLabels Labels }
type Collector interface{}
type Registerer interface{ Register(Collector) error; MustRegister(...Collector) }
type Counter interface{ Inc(); Add(float64) }
type Gauge interface{ Set(float64); Inc(); Dec(); Add(float64); Sub(float64) }
type Observer interface{ Observe(float64) }
type Histogram interface{ Observe(float64) }
type Summary interface{ Observe(float64) }
type CounterVec struct{}
type GaugeVec struct{}
type HistogramVec struct{}
type SummaryVec struct{}
type Registry struct{}
var DefaultRegisterer Registerer
func NewRegistry() *Registry
func (r *Registry) Register(c Collector) error
func (r *Registry) MustRegister(cs ...Collector)
func NewCounter(opts CounterOpts) Counter
func NewCounterVec(opts CounterOpts, labelNames []string) *CounterVec
func NewGauge(opts GaugeOpts) Gauge
func NewGaugeVec(opts GaugeOpts, labelNames []string) *GaugeVec
func NewHistogram(opts HistogramOpts) Histogram
func NewHistogramVec(opts HistogramOpts, labelNames []string) *HistogramVec
func NewSummary(opts SummaryOpts) Summary
func NewSummaryVec(opts SummaryOpts, labelNames []string) *SummaryVec
func MustRegister(cs ...Collector)
func Register(c Collector) error
func (v *CounterVec) WithLabelValues(lvs ...string) Counter
func (v *CounterVec) With(labels Labels) Counter
func (v *GaugeVec) With(labels Labels) Gauge
func (v *HistogramVec) With(labels Labels) Observer
func (v *SummaryVec) With(labels Labels) Observer
func (v *GaugeVec) WithLabelValues(lvs ...string) Gauge
func (v *HistogramVec) WithLabelValues(lvs ...string) Observer
func (v *SummaryVec) WithLabelValues(lvs ...string) Observer
`,
  },
  {
    paths: ['github.com/prometheus/client_golang/prometheus/promauto'],
    source: `package promauto
import "github.com/prometheus/client_golang/prometheus"
type Factory struct{}
func With(r prometheus.Registerer) Factory
func NewCounter(opts prometheus.CounterOpts) prometheus.Counter
func NewCounterVec(opts prometheus.CounterOpts, labelNames []string) *prometheus.CounterVec
func NewGauge(opts prometheus.GaugeOpts) prometheus.Gauge
func NewGaugeVec(opts prometheus.GaugeOpts, labelNames []string) *prometheus.GaugeVec
func NewHistogram(opts prometheus.HistogramOpts) prometheus.Histogram
func NewHistogramVec(opts prometheus.HistogramOpts, labelNames []string) *prometheus.HistogramVec
func NewSummary(opts prometheus.SummaryOpts) prometheus.Summary
func NewSummaryVec(opts prometheus.SummaryOpts, labelNames []string) *prometheus.SummaryVec
func (f Factory) NewCounter(opts prometheus.CounterOpts) prometheus.Counter
func (f Factory) NewCounterVec(opts prometheus.CounterOpts, labelNames []string) *prometheus.CounterVec
func (f Factory) NewGauge(opts prometheus.GaugeOpts) prometheus.Gauge
func (f Factory) NewGaugeVec(opts prometheus.GaugeOpts, labelNames []string) *prometheus.GaugeVec
func (f Factory) NewHistogram(opts prometheus.HistogramOpts) prometheus.Histogram
func (f Factory) NewHistogramVec(opts prometheus.HistogramOpts, labelNames []string) *prometheus.HistogramVec
func (f Factory) NewSummary(opts prometheus.SummaryOpts) prometheus.Summary
func (f Factory) NewSummaryVec(opts prometheus.SummaryOpts, labelNames []string) *prometheus.SummaryVec
`,
  },
  {
    paths: ['go.opentelemetry.io/otel/trace'],
    source: `package trace
import ("context"; "go.opentelemetry.io/otel/attribute"; "go.opentelemetry.io/otel/codes")
type SpanStartOption interface{}
type SpanEndOption interface{}
type TracerOption interface{}
type EventOption interface{}
type Span interface {
	End(options ...SpanEndOption)
	AddEvent(name string, options ...EventOption)
	IsRecording() bool
	RecordError(err error, options ...EventOption)
	SpanContext() SpanContext
	SetStatus(code codes.Code, description string)
	SetName(name string)
	SetAttributes(kv ...attribute.KeyValue)
	TracerProvider() TracerProvider
}
type SpanContext struct{}
type Tracer interface {
	Start(ctx context.Context, spanName string, opts ...SpanStartOption) (context.Context, Span)
}
type TracerProvider interface {
	Tracer(name string, options ...TracerOption) Tracer
}
func SpanFromContext(ctx context.Context) Span
func ContextWithSpan(parent context.Context, span Span) context.Context
func NewNoopTracerProvider() TracerProvider
`,
  },
  {
    paths: ['go.opentelemetry.io/otel/trace/noop'],
    source: `package noop
import "go.opentelemetry.io/otel/trace"
type TracerProvider struct{}
type Tracer struct{}
func NewTracerProvider() TracerProvider
func (tp TracerProvider) Tracer(name string, options ...trace.TracerOption) trace.Tracer
`,
  },
  {
    paths: ['go.opentelemetry.io/otel/attribute'],
    source: `package attribute
type Key string
type KeyValue struct{ Key Key }
func String(k string, v string) KeyValue
func Int(k string, v int) KeyValue
func Int64(k string, v int64) KeyValue
func Bool(k string, v bool) KeyValue
`,
  },
  {
    paths: ['go.opentelemetry.io/otel/codes'],
    source: `package codes
type Code uint32
`,
  },
  {
    paths: ['go.opentelemetry.io/otel'],
    source: `package otel
import "go.opentelemetry.io/otel/trace"
func Tracer(name string, opts ...trace.TracerOption) trace.Tracer
func GetTracerProvider() trace.TracerProvider
func SetTracerProvider(tp trace.TracerProvider)
`,
  },
  {
    paths: ['go.opentelemetry.io/otel/sdk/trace'],
    source: `package trace
import ("context"; oteltrace "go.opentelemetry.io/otel/trace")
type TracerProvider struct{}
type TracerProviderOption interface{}
func NewTracerProvider(opts ...TracerProviderOption) *TracerProvider
func (p *TracerProvider) Tracer(name string, opts ...oteltrace.TracerOption) oteltrace.Tracer
func (p *TracerProvider) Shutdown(ctx context.Context) error
func (p *TracerProvider) ForceFlush(ctx context.Context) error
`,
  },
];
