package jobs

import (
	"context"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, id int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/items", nil)
	if err != nil {
		return err
	}
	log.Println(req.URL, id)
	return nil
}

// Joined by a WaitGroup before the deferred cancel runs.
func FetchAll(parent context.Context, ids []int) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			_ = fetch(ctx, id)
		}(id)
	}
	wg.Wait()
}

// A deferred Wait joins at return.
func FetchDeferred(parent context.Context, ids []int) {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	for _, id := range ids {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			_ = fetch(ctx, id)
		}(id)
	}
}

// Joined by receiving its result.
func FetchOne(parent context.Context, id int) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	errs := make(chan error, 1)
	go func() { errs <- fetch(ctx, id) }()
	return <-errs
}

// Joined by ranging over the results channel.
func FetchMany(parent context.Context, ids []int) int {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	results := make(chan error)
	go func() {
		for _, id := range ids {
			results <- fetch(ctx, id)
		}
		close(results)
	}()
	failed := 0
	for err := range results {
		if err != nil {
			failed++
		}
	}
	return failed
}

// errgroup's Wait joins.
func Group(parent context.Context, ids []int) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	go func() { _ = fetch(gctx, 0) }()
	return g.Wait()
}

// A watcher goroutine exists to react to the cancel: that is its design.
func Dial(parent context.Context, addr string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	go func() {
		<-ctx.Done()
		conn.SetDeadline(time.Now())
	}()
	return conn, nil
}

// Already detached, or a fresh root: nothing to cut off.
func Detached(parent context.Context, r *http.Request) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	go fetch(context.WithoutCancel(ctx), 1)
	go fetch(context.WithoutCancel(r.Context()), 2)
	go fetch(context.Background(), 3)
}

// The cancel is handed over, not deferred: the caller decides when it ends.
func Start(parent context.Context) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent)
	go fetch(ctx, 1)
	return cancel
}

// The cancel is stored in a struct and called later by Stop.
type Worker struct {
	stop context.CancelFunc
}

func (w *Worker) Run(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	w.stop = cancel
	go fetch(ctx, 1)
}

func (w *Worker) Stop() { w.stop() }

// The goroutine gets the caller's context, not the one cancelled here.
func Shadowed(ctx context.Context) {
	sub, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = fetch(sub, 1)
	go fetch(ctx, 2)
}

// A closure that declares its own ctx does not capture the cancelled one.
func Own(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	_ = fetch(ctx, 0)
	go func() {
		ctx := context.Background()
		_ = fetch(ctx, 1)
	}()
}

// A handler that waits for its goroutine before writing the response.
func Report(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = fetch(r.Context(), 1)
	}()
	<-done
	w.WriteHeader(http.StatusOK)
}
