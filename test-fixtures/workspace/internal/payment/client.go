// Package payment talks to the payment provider and handles its callbacks.
package payment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client charges orders through the provider's HTTP API.
type Client struct {
	base    string
	http    *http.Client
	timeout time.Duration
}

// NewClient returns a Client for the provider at base.
func NewClient(base string, timeout time.Duration) *Client {
	return &Client{base: base, http: &http.Client{}, timeout: timeout}
}

// Charge asks the provider to take amountCents for an order.
func (c *Client) Charge(ctx context.Context, orderID int64, amountCents int64) error {
	body, err := json.Marshal(map[string]int64{"order_id": orderID, "amount": amountCents})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, c.base+"/charges", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("charge order %d: %w", orderID, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("charge order %d: provider said %s", orderID, resp.Status)
	}
	return nil
}
