package notify

import (
	"io"
	nethttp "net/http"
	"net/url"
	"strings"
	stdtime "time"
)

var started = stdtime.Now()

func Ping(u string) error {
	resp, err := nethttp.Get(u) // want "http-client-no-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Send(u string, form url.Values) (*nethttp.Response, error) {
	if len(form) == 0 {
		return nethttp.Post(u, "text/plain", strings.NewReader("")) // want "http-client-no-timeout"
	}
	return nethttp.PostForm(u, form) // want "http-client-no-timeout"
}

// fetch is a method value: every call through it still uses the default client.
var fetch = nethttp.Head // want "http-client-no-timeout"

func Do(req *nethttp.Request) (io.ReadCloser, error) {
	resp, err := nethttp.DefaultClient.Do(req) // want "http-client-no-timeout"
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func Client() *nethttp.Client {
	return nethttp.DefaultClient // want "http-client-no-timeout"
}
