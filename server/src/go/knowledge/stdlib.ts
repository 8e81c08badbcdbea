/**
 * The few standard-library readers, writers and parsers the rules follow a value through: where a response
 * body goes (`io.Copy` into a file, a `bufio.Scanner` over a stream, `io.ReadAll` into memory), where a config
 * value comes from (`os.Getenv`, `strconv.Atoi`) and how a string is assembled (`fmt.Sprintf`).
 */
import type { LibraryStub } from './stub';

export const STDLIB_STUBS: LibraryStub[] = [
  {
    paths: ['io'],
    source: `package io
type Reader interface { Read(p []byte) (n int, err error) }
type Writer interface { Write(p []byte) (n int, err error) }
type Closer interface { Close() error }
type ReadCloser interface { Reader; Closer }
type WriteCloser interface { Writer; Closer }
type PipeReader struct{}
type PipeWriter struct{}
var Discard Writer
var EOF error
func Copy(dst Writer, src Reader) (written int64, err error)
func CopyN(dst Writer, src Reader, n int64) (written int64, err error)
func CopyBuffer(dst Writer, src Reader, buf []byte) (written int64, err error)
func ReadAll(r Reader) ([]byte, error)
func ReadFull(r Reader, buf []byte) (n int, err error)
func LimitReader(r Reader, n int64) Reader
func TeeReader(r Reader, w Writer) Reader
func Pipe() (*PipeReader, *PipeWriter)
func (r *PipeReader) Read(data []byte) (n int, err error)
func (r *PipeReader) Close() error
`,
  },
  {
    paths: ['io/ioutil'],
    source: `package ioutil
import "io"
func ReadAll(r io.Reader) ([]byte, error)
`,
  },
  {
    paths: ['os'],
    source: `package os
type File struct{}
func Getenv(key string) string
func LookupEnv(key string) (string, bool)
func Create(name string) (*File, error)
func Open(name string) (*File, error)
func OpenFile(name string, flag int, perm uint32) (*File, error)
func (f *File) Read(b []byte) (n int, err error)
func (f *File) Write(b []byte) (n int, err error)
func (f *File) ReadFrom(r any) (n int64, err error)
func (f *File) Close() error
`,
  },
  {
    paths: ['bytes'],
    source: `package bytes
type Reader struct{}
type Buffer struct{}
func NewReader(b []byte) *Reader
func NewBuffer(buf []byte) *Buffer
func NewBufferString(s string) *Buffer
func (b *Buffer) ReadFrom(r any) (n int64, err error)
`,
  },
  {
    paths: ['strings'],
    source: `package strings
type Reader struct{}
func NewReader(s string) *Reader
`,
  },
  {
    paths: ['bufio'],
    source: `package bufio
import "io"
type Scanner struct{}
type Reader struct{}
func NewScanner(r io.Reader) *Scanner
func NewReader(rd io.Reader) *Reader
func NewReaderSize(rd io.Reader, size int) *Reader
func (s *Scanner) Scan() bool
func (s *Scanner) Text() string
func (b *Reader) ReadString(delim byte) (string, error)
func (b *Reader) ReadBytes(delim byte) ([]byte, error)
func (b *Reader) ReadLine() (line []byte, isPrefix bool, err error)
`,
  },
  {
    paths: ['compress/gzip'],
    source: `package gzip
import "io"
type Reader struct{}
func NewReader(r io.Reader) (*Reader, error)
func (z *Reader) Read(p []byte) (n int, err error)
func (z *Reader) Close() error
`,
  },
  {
    paths: ['compress/zlib'],
    source: `package zlib
import "io"
func NewReader(r io.Reader) (io.ReadCloser, error)
`,
  },
  {
    paths: ['compress/flate'],
    source: `package flate
import "io"
func NewReader(r io.Reader) io.ReadCloser
`,
  },
  {
    paths: ['encoding/json', 'encoding/xml'],
    source: `package json
import "io"
type Decoder struct{}
func NewDecoder(r io.Reader) *Decoder
func Unmarshal(data []byte, v any) error
func (dec *Decoder) Decode(v any) error
func (dec *Decoder) More() bool
func (dec *Decoder) Token() (any, error)
`,
  },
  {
    paths: ['fmt'],
    source: `package fmt
func Sprintf(format string, a ...any) string
func Sprint(a ...any) string
func Errorf(format string, a ...any) error
`,
  },
  {
    paths: ['strconv'],
    source: `package strconv
func Atoi(s string) (int, error)
func ParseInt(s string, base int, bitSize int) (i int64, err error)
func ParseUint(s string, base int, bitSize int) (uint64, error)
func ParseFloat(s string, bitSize int) (float64, error)
func ParseBool(str string) (bool, error)
`,
  },
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
];
