package feed

import "time"

const pongWait = 60 * time.Second

// configure sets the read deadline and extends it whenever the peer answers a ping.
func (c *Client) configure() {
	c.conn.SetReadLimit(512)
	_ = c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error {
		return c.conn.SetReadDeadline(time.Now().Add(pongWait))
	})
}
