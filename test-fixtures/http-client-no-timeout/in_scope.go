package catalog

import (
	"net/http"
	"time"
)

// The caller says how long to wait: the fix uses that, not the configured default.
func NewClient(base string, timeout time.Duration) *http.Client {
	return &http.Client{} // want "http-client-no-timeout"
}

type Config struct {
	BaseURL     string
	IdleTimeout time.Duration
	HTTPTimeout time.Duration
}

func New(cfg Config) *http.Client {
	return &http.Client{Transport: http.DefaultTransport} // want "http-client-no-timeout"
}

type Options struct{ RequestTimeout time.Duration }

type Service struct {
	opts *Options
	c    *http.Client
}

func (s *Service) init() {
	s.c = &http.Client{} // want "http-client-no-timeout"
}

// An interval is not a timeout, and a server's read timeout is not a client's: the default applies.
func Poller(interval time.Duration, readTimeout time.Duration) *http.Client {
	return &http.Client{} // want "http-client-no-timeout"
}

func fetch(u string, timeout time.Duration) error {
	resp, err := http.Get(u) // want "http-client-no-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
