package chat

// Hub keeps the set of clients and fans messages out to them.
type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

// run serves the hub for the life of the process: nothing ever stops it.
func (h *Hub) run() {
	for { // want "goroutine-no-exit"
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			delete(h.clients, client)
			close(client.send)
		case message := <-h.broadcast:
			for client := range h.clients {
				client.send <- message
			}
		}
	}
}
