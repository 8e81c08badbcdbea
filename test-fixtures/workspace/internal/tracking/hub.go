// Package tracking pushes live order status to browsers over WebSocket.
package tracking

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
	"github.com/rs/zerolog/log"
)

// Statuses is what tracking reads from the order domain.
type Statuses interface {
	Status(ctx context.Context, id int64) (string, error)
}

// Hub serves the live tracking socket.
type Hub struct {
	orders   Statuses
	upgrader websocket.Upgrader
}

// NewHub returns a Hub reading statuses from orders.
func NewHub(orders Statuses) *Hub {
	return &Hub{orders: orders, upgrader: websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}}
}

// Serve upgrades GET /orders/:id/live and pushes the status every few seconds until the browser leaves.
func (h *Hub) Serve(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		c.Status(http.StatusBadRequest)
		return
	}
	conn, err := h.upgrader.Upgrade(c.Writer, c.Request, nil)
	if err != nil {
		log.Warn().Err(err).Int64("order_id", id).Msg("websocket upgrade failed")
		return
	}
	defer conn.Close()

	done := make(chan struct{})
	go h.push(conn, id, done)

	// Reads only notice the browser leaving; a half-open connection blocks here forever.
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			close(done)
			return
		}
	}
}

// push writes the order status every three seconds until done is closed or a write fails.
func (h *Hub) push(conn *websocket.Conn, id int64, done <-chan struct{}) {
	ticker := time.NewTicker(3 * time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-done:
			return
		case <-ticker.C:
			ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
			status, err := h.orders.Status(ctx, id)
			cancel()
			if err != nil {
				log.Error().Err(err).Int64("order_id", id).Msg("read order status")
				continue
			}
			if err := conn.WriteJSON(map[string]string{"status": status}); err != nil {
				return
			}
		}
	}
}
