package feed

import (
	"context"
	"log"
	"net/http"
	"time"

	"nhooyr.io/websocket"
	"nhooyr.io/websocket/wsjson"
)

type update struct {
	Symbol string
}

// nhooyr reads take a context; Background has no deadline, so a silent peer blocks the read forever.
func subscribe(c *websocket.Conn, out chan<- update) {
	ctx := context.Background()
	for {
		var u update
		if err := wsjson.Read(ctx, c, &u); err != nil { // want "ws-read-no-deadline"
			return
		}
		out <- u
	}
}

// The request's context ends only when the client goes away cleanly, which a vanished peer never does.
func echo(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	for {
		typ, msg, err := c.Read(r.Context()) // want "ws-read-no-deadline"
		if err != nil {
			return
		}
		c.Write(r.Context(), typ, msg)
	}
}

// Each read gets its own timeout: fine.
func bounded(parent context.Context, c *websocket.Conn) {
	for {
		ctx, cancel := context.WithTimeout(parent, time.Minute)
		_, msg, err := c.Read(ctx)
		cancel()
		if err != nil {
			return
		}
		log.Println(string(msg))
	}
}

// A context parameter may carry the caller's deadline: not flagged.
func relay(ctx context.Context, c *websocket.Conn, out chan<- []byte) {
	for {
		_, r, err := c.Reader(ctx)
		if err != nil {
			return
		}
		_ = r
	}
}
