package chat

import "net/http"

// NewHub starts the hub's loop, declared in hub.go: once, at start-up.
func NewHub() *Hub {
	h := &Hub{clients: map[*Client]bool{}, broadcast: make(chan []byte), register: make(chan *Client), unregister: make(chan *Client)}
	go h.run()
	return h
}

// ServeWS upgrades the request and starts the client's reader, declared in read.go.
func (h *Hub) ServeWS(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	client := &Client{hub: h, conn: conn, send: make(chan []byte, 256)}
	h.register <- client
	go client.readPump()
}
