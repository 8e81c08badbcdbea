package chat

import "github.com/gorilla/websocket"

var upgrader = websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}

// Client is one browser tab: its connection is read in read.go, registered in serve.go.
type Client struct {
	hub  *Hub
	conn *websocket.Conn
	send chan []byte
}
