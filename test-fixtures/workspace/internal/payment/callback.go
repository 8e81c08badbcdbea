package payment

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/rs/zerolog/log"
)

// Orders is what a payment callback needs from the order domain.
type Orders interface {
	MarkPaid(ctx context.Context, id int64) error
}

// CallbackHandler receives the provider's payment notifications.
type CallbackHandler struct {
	orders Orders
}

// NewCallbackHandler returns the callback endpoint.
func NewCallbackHandler(orders Orders) *CallbackHandler {
	return &CallbackHandler{orders: orders}
}

type callback struct {
	OrderID int64  `json:"order_id"`
	Channel string `json:"channel"`
	Status  string `json:"status"`
}

// Handle serves POST /payments/callback.
func (h *CallbackHandler) Handle(c *gin.Context) {
	var cb callback
	if err := c.ShouldBindJSON(&cb); err != nil {
		log.Warn().Err(err).Str("channel", c.Query("channel")).Msg("unreadable payment callback")
		c.Status(http.StatusBadRequest)
		return
	}
	if cb.Status != "success" {
		c.Status(http.StatusNoContent)
		return
	}
	if err := h.orders.MarkPaid(c.Request.Context(), cb.OrderID); err != nil {
		// All the on-call engineer will see is "callback failed": which order, which channel?
		log.Error().Err(err).Msg("callback failed")
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusNoContent)
}
