package chat

import (
	"encoding/json"
	"log"

	ws "github.com/gorilla/websocket"
)

type Client struct {
	conn *ws.Conn
	send chan []byte
}

// readPump reads until the connection fails, but a silent peer never makes it fail.
func (c *Client) readPump(hub chan<- []byte) {
	defer c.conn.Close()
	for {
		_, message, err := c.conn.ReadMessage() // want "ws-read-no-deadline"
		if err != nil {
			log.Println(err)
			return
		}
		hub <- message
	}
}

type event struct {
	Kind string `json:"kind"`
}

// The JSON and streaming readers block the same way.
func listen(conn *ws.Conn, events chan<- event) {
	go func() {
		for {
			var e event
			if err := conn.ReadJSON(&e); err != nil { // want "ws-read-no-deadline"
				return
			}
			events <- e
		}
	}()
}

func stream(conn *ws.Conn) error {
	for {
		_, r, err := conn.NextReader() // want "ws-read-no-deadline"
		if err != nil {
			return err
		}
		var v map[string]any
		if err := json.NewDecoder(r).Decode(&v); err != nil {
			return err
		}
	}
}
