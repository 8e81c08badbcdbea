// Package apitest starts fake upstreams for tests; its clients only ever talk to them.
package apitest

import (
	"net/http"
	"net/http/httptest"
)

type Upstream struct {
	Server *httptest.Server
	Client *http.Client
}

func Start(h http.Handler) *Upstream {
	s := httptest.NewServer(h)
	return &Upstream{Server: s, Client: &http.Client{Transport: &http.Transport{}}}
}

func (u *Upstream) Get(path string) (*http.Response, error) {
	return http.Get(u.Server.URL + path)
}
