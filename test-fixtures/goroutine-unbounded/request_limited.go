package api

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// A buffered channel as a semaphore bounds the request's fan-out.
func (s *Service) BulkLimited(w http.ResponseWriter, r *http.Request) {
	var req bulkRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	sem := make(chan struct{}, 8)
	for _, id := range req.IDs {
		sem <- struct{}{}
		go func(id string) {
			defer func() { <-sem }()
			s.refresh(id)
		}(id)
	}
}

// errgroup with a limit.
func (s *Service) BulkGroup(w http.ResponseWriter, r *http.Request) error {
	var req bulkRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	g, _ := errgroup.WithContext(r.Context())
	g.SetLimit(8)
	done := make(chan string)
	for _, id := range req.IDs {
		go func(id string) { done <- id }(id)
		<-done
	}
	return g.Wait()
}

// semaphore.Weighted, acquired before each start.
func (s *Service) BulkWeighted(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	var req bulkRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	sem := semaphore.NewWeighted(8)
	for _, id := range req.IDs {
		if err := sem.Acquire(ctx, 1); err != nil {
			return
		}
		go func(id string) {
			defer sem.Release(1)
			s.refresh(id)
		}(id)
	}
}

// At most ten, whatever the request says.
func (s *Service) FirstTen(w http.ResponseWriter, r *http.Request) {
	var req bulkRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	if len(req.IDs) < 10 {
		return
	}
	for _, id := range req.IDs[:10] {
		go s.refresh(id)
	}
}

type regions struct {
	Names [3]string
}

// A fixed-size array bounds the loop.
func (s *Service) PingRegions(w http.ResponseWriter, r *http.Request) {
	var req regions
	_ = json.NewDecoder(r.Body).Decode(&req)
	for _, name := range req.Names {
		go s.refresh(name)
	}
}

// A fixed pool of workers drains the request's items.
func (s *Service) BulkPool(w http.ResponseWriter, r *http.Request) {
	var req bulkRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	jobs := make(chan string)
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			for id := range jobs {
				s.refresh(id)
			}
		}()
	}
	for _, id := range req.IDs {
		jobs <- id
	}
	close(jobs)
}

// The handler's own list, not the request's.
var defaultIDs = []string{"a", "b"}

func (s *Service) Defaults(w http.ResponseWriter, r *http.Request) {
	for _, id := range defaultIDs {
		go s.refresh(id)
	}
}
