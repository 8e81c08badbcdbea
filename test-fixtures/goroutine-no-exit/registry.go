// Package chat registers each websocket client in a package-level map and starts a loop per client.
package chat

import (
	"net/http"
	"sync"
)

type client struct {
	out chan []byte
}

var hub = struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}{clients: map[*client]struct{}{}}

func serveClient(w http.ResponseWriter, r *http.Request) {
	c := &client{out: make(chan []byte)}
	hub.mu.Lock()
	hub.clients[c] = struct{}{}
	hub.mu.Unlock()
	go pump(c) // registering into a map is no singleton guard: one leaked loop per connection
}

func pump(c *client) {
	for { // want "goroutine-no-exit"
		msg := <-c.out
		_ = msg
	}
}
