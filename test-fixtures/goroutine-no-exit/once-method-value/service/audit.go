// Package service writes audit records in batches from one background writer.
package service

import (
	"sync"
	"time"
)

var (
	records     = make(chan string, 1024)
	writerOnce  sync.Once
	flusherOnce sync.Once
)

type AuditService struct{}

// StartWriter may be called on every reload: the sync.Once starts the writer once for the process.
func (s *AuditService) StartWriter() {
	writerOnce.Do(s.startWriter)
}

func (s *AuditService) startWriter() {
	go func() {
		ticker := time.NewTicker(2 * time.Second)
		defer ticker.Stop()
		batch := make([]string, 0, 100)
		for {
			select {
			case r := <-records:
				batch = append(batch, r)
			case <-ticker.C:
				batch = batch[:0]
			}
		}
	}()
}

// StartFlusher hands a function declared in another file to the Once.
func StartFlusher() {
	flusherOnce.Do(startFlusher)
}

// Reload is not guarded: each call starts another endless ticker loop.
func (s *AuditService) Reload() {
	go func() {
		for range time.Tick(time.Minute) { // want "goroutine-no-exit"
			records <- "reload"
		}
	}()
}
