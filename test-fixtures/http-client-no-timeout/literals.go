package payment

import (
	"net/http"
	"net/url"
)

type Gateway struct {
	client *http.Client
	base   *url.URL
}

func NewGateway(base *url.URL) *Gateway {
	return &Gateway{
		client: &http.Client{}, // want "http-client-no-timeout"
		base:   base,
	}
}

var couponClient = &http.Client{ // want "http-client-no-timeout"
	Transport: http.DefaultTransport,
	Jar:       nil,
}

func inlineValue() http.Client {
	return http.Client{Transport: http.DefaultTransport} // want "http-client-no-timeout"
}
