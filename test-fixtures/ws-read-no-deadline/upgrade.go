package live

import (
	"net/http"
	"time"

	"github.com/gofiber/websocket/v2"
	gorilla "github.com/gorilla/websocket"
)

var upgrader = gorilla.Upgrader{}

// The connection comes straight from Upgrade: its type is known without a declaration in this file.
func Echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want "ws-read-no-deadline"
		if err != nil {
			return
		}
		_ = conn.WriteMessage(mt, msg)
	}
}

// A dialed connection reads the same way.
func Tail(url string, out chan<- []byte) error {
	conn, _, err := gorilla.DefaultDialer.Dial(url, nil)
	if err != nil {
		return err
	}
	go func() {
		for {
			var event map[string]any
			if err := conn.ReadJSON(&event); err != nil { // want "ws-read-no-deadline"
				return
			}
			out <- []byte(event["data"].(string))
		}
	}()
	return nil
}

// gofiber's Conn embeds fasthttp's: its reads block the same way.
var Handler = websocket.New(func(c *websocket.Conn) {
	for {
		if _, _, err := c.ReadMessage(); err != nil { // want "ws-read-no-deadline"
			return
		}
	}
})

// A helper sets the deadline on the connection it is handed: the loop that reads it is covered.
func withDeadline(conn *gorilla.Conn) {
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(time.Minute)) })
}

func Covered(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	withDeadline(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
