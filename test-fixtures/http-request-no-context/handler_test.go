package search

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHandler(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "/q?term=go", nil)
	if err != nil {
		t.Fatal(err)
	}
	http.NotFoundHandler().ServeHTTP(httptest.NewRecorder(), req)
}
