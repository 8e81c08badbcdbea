// Package ntfy pushes notifications through a client with a 10 s Timeout, from code that has no context.
package ntfy

import (
	"net/http"
	"strings"
	"time"
)

const defaultClientTimeout = 10 * time.Second

func Push(topicURL, message string) error {
	req, err := http.NewRequest(http.MethodPost, topicURL, strings.NewReader(message)) // want "http-request-no-context"
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: defaultClientTimeout}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
