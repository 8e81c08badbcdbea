package orders

import (
	stdctx "context"
	"log"
	"net/http"
	"time"
)

type Service struct {
	client *http.Client
	audit  func(stdctx.Context, string) error
}

func (s *Service) notify(ctx stdctx.Context, id string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://hooks.example.com/"+id, nil)
	if err != nil {
		return
	}
	if resp, err := s.client.Do(req); err == nil {
		resp.Body.Close()
	}
}

// Place hands the deferred-cancel context straight to the goroutine (aliased import).
func (s *Service) Place(parent stdctx.Context, id string) error {
	ctx, cancel := stdctx.WithTimeout(parent, 800*time.Millisecond)
	defer cancel()
	go s.notify(ctx, id) // want "goroutine-ctx-cancelled"
	return nil
}

type key struct{}

// Ship derives the context through two layers before the goroutine gets it.
func (s *Service) Ship(parent stdctx.Context, id string) {
	ctx, cancel := stdctx.WithCancel(parent)
	defer cancel()
	traced := stdctx.WithValue(ctx, key{}, "ship")
	tagged := stdctx.WithValue(traced, key{}, id)
	go s.notify(tagged, id) // want "goroutine-ctx-cancelled"
}

// Refund starts a closure that captures the context; the cancel runs in a deferred closure.
func (s *Service) Refund(parent stdctx.Context, id string) {
	ctx, cancel := stdctx.WithDeadline(parent, time.Now().Add(time.Second))
	defer func() {
		log.Println("refund requested", id)
		cancel()
	}()
	go func() { // want "goroutine-ctx-cancelled"
		if err := s.audit(ctx, "refund "+id); err != nil {
			log.Println(err)
		}
	}()
}

// Archive starts a method value with the context as its argument.
func (s *Service) Archive(parent stdctx.Context, ids []string) {
	ctx, cancel := stdctx.WithTimeout(parent, time.Second)
	defer cancel()
	archive := s.notify
	for _, id := range ids {
		go archive(ctx, id) // want "goroutine-ctx-cancelled"
	}
}
