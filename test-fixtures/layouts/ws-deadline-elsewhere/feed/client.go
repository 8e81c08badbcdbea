package feed

import "github.com/gorilla/websocket"

type Client struct {
	conn *websocket.Conn
	out  chan []byte
}

func newClient(conn *websocket.Conn) *Client {
	return &Client{conn: conn, out: make(chan []byte, 16)}
}

// readPump relies on the deadline that configure, in pong.go, sets and extends on every pong.
func (c *Client) readPump() {
	defer c.conn.Close()
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.out <- msg
	}
}
