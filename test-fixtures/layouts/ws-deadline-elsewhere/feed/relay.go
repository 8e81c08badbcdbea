package feed

import "github.com/gorilla/websocket"

// Relay has a field of the same name, but nothing sets a deadline on a Relay's connection.
type Relay struct {
	conn *websocket.Conn
}

func (r *Relay) pump(out chan<- []byte) {
	for {
		_, msg, err := r.conn.ReadMessage() // want "ws-read-no-deadline"
		if err != nil {
			return
		}
		out <- msg
	}
}
