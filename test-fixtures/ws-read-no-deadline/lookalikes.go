package chat

import (
	"bufio"
	"log"
	"net"
	"time"

	"github.com/gorilla/websocket"
)

const pongWait = 60 * time.Second

type Peer struct {
	conn *websocket.Conn
}

// The deadline is set before the loop and extended by the pong handler: the gorilla chat example's shape.
func (p *Peer) readLoop() {
	p.conn.SetReadDeadline(time.Now().Add(pongWait))
	p.conn.SetPongHandler(func(string) error {
		return p.conn.SetReadDeadline(time.Now().Add(pongWait))
	})
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The deadline is set inside the loop through a helper on the underlying connection.
func echo(c *websocket.Conn) {
	for {
		c.UnderlyingConn().SetReadDeadline(time.Now().Add(pongWait))
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		c.WriteMessage(mt, msg)
	}
}

// A single read is a handshake, not a loop.
func hello(c *websocket.Conn) (string, error) {
	_, msg, err := c.ReadMessage()
	return string(msg), err
}

// A plain TCP reader with the same method names is not a WebSocket.
type lineReader struct {
	r *bufio.Reader
}

func (l *lineReader) ReadMessage() (int, []byte, error) {
	line, err := l.r.ReadBytes('\n')
	return 0, line, err
}

func tcpLoop(conn net.Conn) {
	l := &lineReader{r: bufio.NewReader(conn)}
	for {
		if _, _, err := l.ReadMessage(); err != nil {
			log.Println(err)
			return
		}
	}
}
