package api

import (
	"context"
	"io"
	"net/http"

	"example.com/shop/reqctx"
)

// The helper's context has a type from another package: an alias of context.Context.
func (h *Handler) reserve(ctx reqctx.Ctx, id string) error {
	if err := h.audit(context.Background(), id); err != nil { // want "ctx-background-in-request"
		return err
	}
	req, err := http.NewRequest(http.MethodPost, h.base+"/reservations/"+id, nil) // want "http-request-no-context"
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: 800 * 1000 * 1000}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
