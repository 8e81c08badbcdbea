package skills

import (
	"fmt"
	"io"
	"net/http"
	"os"

	"example.com/cos"
)

// A download saved to a file: a total Timeout would cut it short, so no Timeout fix is offered.
func Fetch(url string) (string, error) {
	resp, err := http.Get(url) // want "http-client-no-timeout"
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	f, err := os.CreateTemp("", "skill-*.zip")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err = io.Copy(f, resp.Body); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// The response goes back to the caller, who reads it for as long as it takes.
func Open(req *http.Request) (io.ReadCloser, error) {
	resp, err := http.DefaultClient.Do(req) // want "http-client-no-timeout"
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// A client handed to an object-storage SDK, which uploads and downloads through it.
func NewBucket(u string) *cos.Client {
	return cos.NewClient(u, &http.Client{ // want "http-client-no-timeout"
		Transport: http.DefaultTransport,
	})
}

type service struct{ client *http.Client }

func newService(c *http.Client) *service { return &service{client: c} }

// A function of this package that takes the client: handed on, no fix.
func Build() *service {
	return newService(&http.Client{}) // want "http-client-no-timeout"
}

// A function that takes no client does not send through it: the plain message.
func Describe() string {
	return fmt.Sprint(&http.Client{}) // want "http-client-no-timeout"
}
