package notify

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"time"
)

const clientTimeout = 10 * time.Second

type Options struct {
	Timeout time.Duration
	Private bool
}

func newClient(o Options) *http.Client { return &http.Client{Timeout: o.Timeout} }

func newTaskClient(private bool, timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout}
}

type Client struct {
	wrapped *http.Client
	url     string
}

func New(url string) *Client {
	return &Client{wrapped: newClient(Options{Timeout: clientTimeout}), url: url}
}

// Sent through a client with a 10 s Timeout, from a function with no context: reported at information, no fix
// (an 800 ms context would cut the client's budget).
func Send(url string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body)) // want "http-request-no-context"
	if err != nil {
		return err
	}
	c := newClient(Options{Timeout: clientTimeout, Private: true})
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same through a field given its client in New.
func (c *Client) Save(body []byte) error {
	req, err := http.NewRequest(http.MethodPut, c.url, bytes.NewReader(body)) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := c.wrapped.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A client built on the spot from options kept in a local (miniflux's request builder): bounded.
func Fire(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "http-request-no-context"
	if err != nil {
		return nil, err
	}
	opts := Options{Timeout: clientTimeout}
	return newClient(opts).Do(req)
}

// A client whose options set only something else is no bound.
func Post(url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil) // want "http-request-no-context"
	if err != nil {
		return err
	}
	c := newClient(Options{Private: true})
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var impatient = &http.Client{Timeout: 5 * time.Second}

var patient = &http.Client{}

// Sent through a bounded client on one branch only: unbounded on the other, so a warning.
func Fetch(url string, insecure bool) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "http-request-no-context"
	if err != nil {
		return nil, err
	}
	if insecure {
		return impatient.Do(req)
	}
	return patient.Do(req)
}

// A constructor handed a timeout builds a bounded client (a timed task's callback).
func Callback(url string, private bool) error {
	req, err := http.NewRequest(http.MethodPost, url, nil) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := newTaskClient(private, clientTimeout).Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A command-line call whose body is copied to the terminal: an 800 ms context would cut the copy short, so the
// timeout fix is not offered.
func Run(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}
