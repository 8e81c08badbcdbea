package inventory

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestStock(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c := &http.Client{}
	if _, err := c.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
}
