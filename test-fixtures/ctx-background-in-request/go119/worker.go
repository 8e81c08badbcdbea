package audit

import (
	"context"
	"net/http"
)

func notify(ctx context.Context, id string) {}

// Go 1.19 has no context.WithoutCancel: the finding stands, with no fix that would not compile.
func Handle(w http.ResponseWriter, r *http.Request) {
	go notify(context.Background(), r.URL.Path) // want "ctx-background-in-request"
	w.WriteHeader(http.StatusAccepted)
}
