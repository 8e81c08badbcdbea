package billing

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Client struct {
	http *http.Client
	base string
}

func (c *Client) Invoice(ctx context.Context, id string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+"/invoices/"+id, nil) // want "http-request-no-context"
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

func (c *Client) Proxy(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodPost, c.base+"/charge", r.Body) // want "http-request-no-context"
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp, err := c.http.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func (c *Client) Refund(g *gin.Context) {
	send := func(body io.Reader) error {
		req, err := http.NewRequest(http.MethodPost, c.base+"/refund", body) // want "http-request-no-context"
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	if err := send(g.Request.Body); err != nil {
		g.AbortWithStatus(http.StatusBadGateway)
	}
}
