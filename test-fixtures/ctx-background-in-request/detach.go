package audit

import (
	stdctx "context"
	"database/sql"
	"net/http"
	"time"
)

type Exporter struct{ db *sql.DB }

// A deliberate detach: the export outlives a client that hangs up, but not the request's budget.
func (e *Exporter) Export(w http.ResponseWriter, r *http.Request) {
	deadline, ok := r.Context().Deadline()
	go func() {
		ctx := stdctx.Background()
		cancel := func() {}
		if ok {
			ctx, cancel = stdctx.WithDeadline(ctx, deadline)
		}
		defer cancel()
		_, _ = e.db.ExecContext(ctx, "INSERT INTO exports DEFAULT VALUES")
	}()
	w.WriteHeader(http.StatusAccepted)
}

// The same in one call, and with the remaining time instead of the deadline.
func (e *Exporter) Archive(ctx stdctx.Context) {
	if dl, ok := ctx.Deadline(); ok {
		detached, cancel := stdctx.WithDeadline(stdctx.Background(), dl)
		go func() {
			defer cancel()
			_, _ = e.db.ExecContext(detached, "DELETE FROM exports WHERE done")
		}()
	}
	dl, _ := ctx.Deadline()
	bounded, stop := stdctx.WithTimeout(stdctx.Background(), time.Until(dl))
	go func() {
		defer stop()
		_, _ = e.db.ExecContext(bounded, "VACUUM")
	}()
}

// A fixed timeout is not the request's deadline: the request's cancellation and budget are both dropped.
func (e *Exporter) Purge(ctx stdctx.Context) {
	go func() {
		fresh, cancel := stdctx.WithTimeout(stdctx.Background(), time.Minute) // want "ctx-background-in-request"
		defer cancel()
		_, _ = e.db.ExecContext(fresh, "DELETE FROM exports")
	}()
}

// A context of our own type, found through its alias and its embedding.
type Ctx = stdctx.Context

type RequestContext interface {
	stdctx.Context
	Tenant() string
}

func (e *Exporter) Count(ctx Ctx) error {
	return e.db.QueryRowContext(stdctx.TODO(), "SELECT 1").Err() // want "ctx-background-in-request"
}

func (e *Exporter) Tenant(rc RequestContext) error {
	return e.db.QueryRowContext(stdctx.Background(), "SELECT 1", rc.Tenant()).Err() // want "ctx-background-in-request"
}
