// Package httpclient builds the clients every service package uses.
package httpclient

import (
	"net/http"
	"time"
)

// New is called from other packages: the client is built here, so the finding and its fix are here.
func New(timeout time.Duration) *http.Client {
	return &http.Client{Transport: http.DefaultTransport} // want "http-client-no-timeout"
}

// Shared is used by other packages, which may download through it: the fix is offered, never applied in bulk.
var Shared = &http.Client{} // want "http-client-no-timeout"
