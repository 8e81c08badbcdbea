package audit

import (
	"context"
	"database/sql"
	"net/http"
)

type Log struct {
	db      *sql.DB
	onClose func()
}

var root = context.Background()

// No context source: a root context is all there is.
func (l *Log) Flush() error {
	_, err := l.db.ExecContext(context.Background(), "DELETE FROM pending")
	return err
}

// Cleanup runs after the request's budget may be spent, so it takes a fresh context on purpose.
func (l *Log) Record(w http.ResponseWriter, r *http.Request) {
	defer l.cleanup(context.Background())
	l.onClose = func() {
		_, _ = l.db.ExecContext(context.TODO(), "DELETE FROM audit WHERE old")
	}
	_, _ = l.db.ExecContext(Detach(r.Context()), "SELECT 1")
	_, _ = l.db.ExecContext(WithoutCancel(context.Background()), "SELECT 1")
	w.WriteHeader(http.StatusAccepted)
}

func (l *Log) cleanup(ctx context.Context) {}

// Callers may pass nil; falling back to a root context is a defensive default.
func (l *Log) Query(ctx context.Context, q string) (*sql.Rows, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	return l.db.QueryContext(ctx, q)
}

// An unnamed context parameter cannot be used.
func (l *Log) Ignore(_ context.Context) error {
	return l.db.PingContext(context.Background())
}

func Detach(ctx context.Context) context.Context        { return ctx }
func WithoutCancel(ctx context.Context) context.Context { return ctx }

// A context factory: handing back a detached root is what it is for.
func valuesOnly(ctx context.Context) context.Context {
	return &valuesCtx{Context: context.Background(), values: ctx}
}

type valuesCtx struct {
	context.Context
	values context.Context
}

// Once the context is done, shutdown work needs a fresh one: the old one would fail every call at once.
func (l *Log) Run(ctx context.Context, events <-chan string) {
	for {
		select {
		case e := <-events:
			_, _ = l.db.ExecContext(ctx, "INSERT INTO audit VALUES (?)", e)
		case <-ctx.Done():
			_, _ = l.db.ExecContext(context.Background(), "UPDATE audit SET closed = 1")
			return
		}
	}
}

func (l *Log) Finish(ctx context.Context) error {
	if ctx.Err() != nil {
		return l.db.PingContext(context.Background())
	}
	return l.db.PingContext(ctx)
}

type poller struct {
	ctx    context.Context
	cancel context.CancelFunc
	root   context.Context
}

// A context kept in a field outlives the call that creates it: the caller's context is the wrong parent.
func (p *poller) Start(ctx context.Context) {
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.root = context.Background()
}

// Comparing against the root starts no new context.
func (l *Log) Bounded(ctx context.Context) bool {
	return ctx != context.Background() && ctx != context.TODO()
}
