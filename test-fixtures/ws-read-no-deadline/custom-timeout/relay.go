package relay

import (
	"log"
	stdtime "time"

	"github.com/fasthttp/websocket"
)

// The team's configured read timeout (90s) is used, with the file's own name for package time.
func relay(conn *websocket.Conn, out chan<- []byte) {
	started := stdtime.Now()
	defer log.Println("relay ran for", stdtime.Since(started))
	for {
		_, msg, err := conn.ReadMessage() // want "ws-read-no-deadline"
		if err != nil {
			return
		}
		out <- msg
	}
}
