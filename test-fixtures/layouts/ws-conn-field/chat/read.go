package chat

// readPump reads until the connection fails; no deadline is ever set on c.conn, so a silent peer parks it.
func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	for {
		_, message, err := c.conn.ReadMessage() // want "ws-read-no-deadline"
		if err != nil {
			return
		}
		c.hub.broadcast <- message
	}
}
