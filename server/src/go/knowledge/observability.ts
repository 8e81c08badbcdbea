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
type Logger struct{}
type SugaredLogger struct{}
type Field struct{ Key string }
type Option interface{}
func NewProduction(options ...Option) (*Logger, error)
func NewDevelopment(options ...Option) (*Logger, error)
func NewExample(options ...Option) *Logger
func NewNop() *Logger
func Must(logger *Logger, err error) *Logger
func L() *Logger
func S() *SugaredLogger
func String(key string, val string) Field
func Int(key string, val int) Field
func Int64(key string, val int64) Field
func Error(err error) Field
func Any(key string, value any) Field
func (log *Logger) With(fields ...Field) *Logger
func (log *Logger) Named(s string) *Logger
func (log *Logger) Sugar() *SugaredLogger
func (log *Logger) Debug(msg string, fields ...Field)
func (log *Logger) Info(msg string, fields ...Field)
func (log *Logger) Warn(msg string, fields ...Field)
func (log *Logger) Error(msg string, fields ...Field)
func (log *Logger) Fatal(msg string, fields ...Field)
func (log *Logger) Sync() error
func (s *SugaredLogger) With(args ...any) *SugaredLogger
func (s *SugaredLogger) Named(name string) *SugaredLogger
func (s *SugaredLogger) Desugar() *Logger
func (s *SugaredLogger) Info(args ...any)
func (s *SugaredLogger) Infof(template string, args ...any)
func (s *SugaredLogger) Infow(msg string, keysAndValues ...any)
func (s *SugaredLogger) Error(args ...any)
func (s *SugaredLogger) Errorf(template string, args ...any)
func (s *SugaredLogger) Errorw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Warnw(msg string, keysAndValues ...any)
func (s *SugaredLogger) Sync() error
`,
  },
  {
    paths: ['github.com/rs/zerolog'],
    source: `package zerolog
import ("context"; "io")
type Logger struct{}
type Event struct{}
type Context struct{}
type Level int8
func New(w io.Writer) Logger
func Nop() Logger
func Ctx(ctx context.Context) *Logger
func (l Logger) With() Context
func (l Logger) Level(lvl Level) Logger
func (l *Logger) Debug() *Event
func (l *Logger) Info() *Event
func (l *Logger) Warn() *Event
func (l *Logger) Error() *Event
func (l *Logger) Err(err error) *Event
func (l *Logger) Fatal() *Event
func (l *Logger) WithContext(ctx context.Context) context.Context
func (e *Event) Str(key string, val string) *Event
func (e *Event) Int(key string, i int) *Event
func (e *Event) Int64(key string, i int64) *Event
func (e *Event) Err(err error) *Event
func (e *Event) Any(key string, i any) *Event
func (e *Event) Interface(key string, i any) *Event
func (e *Event) Fields(fields any) *Event
func (e *Event) Msg(msg string)
func (e *Event) Msgf(format string, v ...any)
func (e *Event) Send()
func (c Context) Str(key string, val string) Context
func (c Context) Int(key string, i int) Context
func (c Context) Logger() Logger
`,
  },
  {
    paths: ['github.com/rs/zerolog/log'],
    source: `package log
import ("context"; "github.com/rs/zerolog")
var Logger zerolog.Logger
func With() zerolog.Context
func Debug() *zerolog.Event
func Info() *zerolog.Event
func Warn() *zerolog.Event
func Error() *zerolog.Event
func Err(err error) *zerolog.Event
func Fatal() *zerolog.Event
func Print(v ...any)
func Printf(format string, v ...any)
func Ctx(ctx context.Context) *zerolog.Logger
`,
  },
  {
    paths: ['github.com/sirupsen/logrus'],
    source: `package logrus
import "context"
type Logger struct{}
type Entry struct{ Logger *Logger; Data Fields }
type Fields map[string]any
func New() *Logger
func StandardLogger() *Logger
func WithField(key string, value any) *Entry
func WithFields(fields Fields) *Entry
func WithError(err error) *Entry
func WithContext(ctx context.Context) *Entry
func Info(args ...any)
func Infof(format string, args ...any)
func Warn(args ...any)
func Error(args ...any)
func Errorf(format string, args ...any)
func Errorln(args ...any)
func (logger *Logger) WithField(key string, value any) *Entry
func (logger *Logger) WithFields(fields Fields) *Entry
func (logger *Logger) WithError(err error) *Entry
func (logger *Logger) WithContext(ctx context.Context) *Entry
func (logger *Logger) Info(args ...any)
func (logger *Logger) Infof(format string, args ...any)
func (logger *Logger) Error(args ...any)
func (logger *Logger) Errorf(format string, args ...any)
func (logger *Logger) Errorln(args ...any)
func (entry *Entry) WithField(key string, value any) *Entry
func (entry *Entry) WithFields(fields Fields) *Entry
func (entry *Entry) WithError(err error) *Entry
func (entry *Entry) WithContext(ctx context.Context) *Entry
func (entry *Entry) Info(args ...any)
func (entry *Entry) Infof(format string, args ...any)
func (entry *Entry) Error(args ...any)
func (entry *Entry) Errorf(format string, args ...any)
func (entry *Entry) Errorln(args ...any)
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
var DefaultRegisterer Registerer
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
import "context"
type SpanStartOption interface{}
type SpanEndOption interface{}
type TracerOption interface{}
type Span interface {
	End(options ...SpanEndOption)
	IsRecording() bool
	RecordError(err error)
	SpanContext() SpanContext
	SetName(name string)
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
import oteltrace "go.opentelemetry.io/otel/trace"
type TracerProvider struct{}
type TracerProviderOption interface{}
func NewTracerProvider(opts ...TracerProviderOption) *TracerProvider
func (p *TracerProvider) Tracer(name string, opts ...oteltrace.TracerOption) oteltrace.Tracer
`,
  },
];
