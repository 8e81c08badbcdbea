package ingest

import (
	"context"
	"log"
	"time"
)

type Tailer struct {
	lines chan string
}

// Start has a context; the loop it starts does not, so the fix threads it through.
func (t *Tailer) Start(ctx context.Context) {
	go t.follow(3)
}

func (t *Tailer) follow(every int) {
	for { // want "goroutine-no-exit"
		time.Sleep(time.Duration(every) * time.Second)
		log.Println(len(t.lines))
	}
}
