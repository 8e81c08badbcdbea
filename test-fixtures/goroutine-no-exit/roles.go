// Package stream starts the same kind of endless loop per request, per connection, per message and once.
package stream

import (
	"log"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// Per request: a heartbeat for every call of the handler, and nothing stops it (a warning).
func Watch(w http.ResponseWriter, r *http.Request) {
	go func() {
		for range time.Tick(time.Second) { // want "goroutine-no-exit"
			log.Println("still watching")
		}
	}()
}

type session struct {
	conn *websocket.Conn
	out  chan []byte
}

// Per connection: the session holds the connection, so each connection starts one more writer (a warning).
func (s *session) start() {
	go s.write()
}

func (s *session) write() {
	for { // want "goroutine-no-exit"
		msg := <-s.out
		if err := s.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			log.Println(err)
		}
	}
}

// Per accepted connection: the accept loop starts one keepalive per client (a warning).
func Serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go keepalive(c.RemoteAddr().String())
	}
}

func keepalive(addr string) {
	for { // want "goroutine-no-exit"
		time.Sleep(30 * time.Second)
		log.Println("ping", addr)
	}
}

// Once at start-up, as far as the code shows: the reporter lives as long as the process (information).
type Reporter struct {
	every time.Duration
}

func NewReporter(every time.Duration) *Reporter {
	r := &Reporter{every: every}
	go r.report()
	return r
}

func (r *Reporter) report() {
	t := time.NewTicker(r.every)
	for range t.C { // want "goroutine-no-exit"
		log.Println("report")
	}
}

// The upgrade handler starts nothing endless itself.
func ServeWS(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	(&session{conn: conn, out: make(chan []byte)}).start()
}
