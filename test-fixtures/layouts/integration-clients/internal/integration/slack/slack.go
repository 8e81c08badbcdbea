// Package slack posts entries to Slack: production code that integrates with another system, not a test harness.
package slack

import (
	"bytes"
	"net/http"
)

func Send(webhookURL string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, webhookURL, bytes.NewReader(body)) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "http-client-no-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
