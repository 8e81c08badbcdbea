package feed

import (
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// Serve upgrades the request; the client's deadline is configured in pong.go before its reader starts.
func Serve(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := newClient(conn)
	c.configure()
	go c.readPump()
}

// Follow dials an upstream feed and relays it.
func Follow(url string, out chan<- []byte) error {
	upstream, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return err
	}
	relay := &Relay{conn: upstream}
	go relay.pump(out)
	return nil
}
