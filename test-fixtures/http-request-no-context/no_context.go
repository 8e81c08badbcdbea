package webhook

import (
	"bytes"
	"fmt"
	"io"
	stdhttp "net/http"
)

var client = &stdhttp.Client{}

// A function value builds requests without a context just the same.
var newRequest = stdhttp.NewRequest // want "http-request-no-context"

// Notify consumes the whole response before it returns: a context bounded to this call is enough.
func Notify(url string, payload []byte) error {
	req, err := stdhttp.NewRequest(stdhttp.MethodPost, url, bytes.NewReader(payload)) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != stdhttp.StatusOK {
		return fmt.Errorf("webhook: %s", resp.Status)
	}
	return nil
}

// build hands the request to its caller: a context cancelled here would kill it, so no fix is offered.
func build(url string) (*stdhttp.Request, error) {
	return stdhttp.NewRequest(stdhttp.MethodGet, url, nil) // want "http-request-no-context"
}

// The caller reads the body after this returns: a context cancelled on return would cut it off, so no fix.
func open(url string) (io.ReadCloser, error) {
	req, err := stdhttp.NewRequest(stdhttp.MethodGet, url, nil) // want "http-request-no-context"
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}
