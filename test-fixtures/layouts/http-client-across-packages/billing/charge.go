package billing

import (
	"context"
	"io"
	"net/http"
)

// The call sends through a client built elsewhere: nothing to report here, the construction is reported.
func (g *Gateway) Charge(ctx context.Context, id string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.base+"/charges/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
