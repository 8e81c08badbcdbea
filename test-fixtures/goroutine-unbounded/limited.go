package importer

import (
	"context"
	"log"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

// A buffered channel as a counting semaphore, acquired before each start.
func WithSemaphore(rows []Row) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, r := range rows {
		sem <- struct{}{}
		wg.Add(1)
		go func(r Row) {
			defer func() { <-sem; wg.Done() }()
			process(r)
		}(r)
	}
	wg.Wait()
}

// The same semaphore, acquired inside the goroutine.
func WithInnerSemaphore(rows []Row) {
	tokens := make(chan struct{}, 8)
	for _, r := range rows {
		go func(r Row) {
			tokens <- struct{}{}
			defer func() { <-tokens }()
			process(r)
		}(r)
	}
}

// semaphore.Weighted.
func WithWeighted(ctx context.Context, rows []Row) error {
	sem := semaphore.NewWeighted(8)
	for _, r := range rows {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func(r Row) {
			defer sem.Release(1)
			process(r)
		}(r)
	}
	return nil
}

// errgroup with a limit (the go statement here only reports progress).
func WithGroup(ctx context.Context, rows []Row) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	progress := make(chan int)
	for i, r := range rows {
		r := r
		g.Go(func() error { process(r); return ctx.Err() })
		go func(i int) { log.Println(i) }(i)
	}
	close(progress)
	return g.Wait()
}

// A rate limiter paces the loop.
func WithRate(ctx context.Context, lim *rate.Limiter, rows []Row) {
	for _, r := range rows {
		if err := lim.Wait(ctx); err != nil {
			return
		}
		go process(r)
	}
}

// A fixed pool of workers: the loop counts workers, not items.
func Pool(jobs <-chan Row, workers int) {
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				process(j)
			}
		}()
	}
	for w := range workers {
		go func() { log.Println("worker", w) }()
	}
}

// A fixed list written in the code.
var regions = []string{"eu", "us", "ap"}

func PingRegions() {
	for _, region := range regions {
		go log.Println("ping", region)
	}
	for _, shard := range [3]int{0, 1, 2} {
		go log.Println("shard", shard)
	}
}

// Hooks registered on a server are a handful, owned by the code, not input.
type Server struct {
	onShutdown []func()
}

func (s *Server) Shutdown() {
	for _, f := range s.onShutdown {
		go f()
	}
	copies := make([]Row, 3)
	for _, r := range copies {
		go process(r)
	}
}

// Batches of at most 100 joined before the next batch.
func Batched(rows []Row) {
	var wg sync.WaitGroup
	for i, r := range rows {
		wg.Add(1)
		go func(r Row) { defer wg.Done(); process(r) }(r)
		if i%100 == 99 {
			wg.Wait()
		}
	}
	wg.Wait()
}

// Each result is collected before the next item starts.
func OneAtATime(rows []Row) {
	done := make(chan struct{})
	for _, r := range rows {
		go func(r Row) { process(r); done <- struct{}{} }(r)
		<-done
	}
}
