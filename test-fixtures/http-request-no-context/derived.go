package ledger

import (
	stdctx "context"
	web "net/http"
	"time"
)

// The handler bounds its own budget: the request goes out with that context, not the bare r.Context().
func Sync(w web.ResponseWriter, r *web.Request) {
	ctx, cancel := stdctx.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	req, err := web.NewRequest(web.MethodPost, "http://ledger/sync", nil) // want "http-request-no-context"
	if err != nil {
		return
	}
	_, _ = (&web.Client{Timeout: time.Second}).Do(req)
}

// A context type of our own: an alias, and an interface that embeds context.Context.
type Ctx = stdctx.Context

type RequestContext interface {
	stdctx.Context
	UserID() string
}

func lookup(c Ctx, id string) (*web.Request, error) {
	return web.NewRequest(web.MethodGet, "http://ledger/"+id, nil) // want "http-request-no-context"
}

func audit(rc RequestContext) (*web.Request, error) {
	return web.NewRequest(web.MethodGet, "http://ledger/audit/"+rc.UserID(), nil) // want "http-request-no-context"
}
