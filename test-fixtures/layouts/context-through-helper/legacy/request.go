// Package legacy has a Request and a Context of its own: not net/http's, not context's.
package legacy

import (
	"context"
	"net/http"
)

type Request struct{ ID string }

type Context struct{ User string }

// Neither parameter carries a context: a root context is all there is.
func Handle(r *Request, c Context) (*http.Request, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return http.NewRequestWithContext(ctx, http.MethodGet, "http://legacy/"+r.ID, nil)
}
