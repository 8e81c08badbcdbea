package order

import (
	"context"
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// placeFailures counts failed placements, with nothing to tell a bad request from a database outage.
var placeFailures = promauto.NewCounter(prometheus.CounterOpts{
	Name: "order_place_errors_total",
	Help: "Orders that failed to place.",
})

// Charger takes payment for an order.
type Charger interface {
	Charge(ctx context.Context, orderID int64, amountCents int64) error
}

// Handler serves the order API.
type Handler struct {
	orders   *Service
	payments Charger
}

// NewHandler returns the order API.
func NewHandler(orders *Service, payments Charger) *Handler {
	return &Handler{orders: orders, payments: payments}
}

type placeRequest struct {
	UserID      int64  `json:"user_id"`
	SKU         string `json:"sku"`
	Quantity    int    `json:"quantity"`
	AmountCents int64  `json:"amount_cents"`
}

// Place serves POST /orders: store the order, answer, then charge in the background.
func (h *Handler) Place(c *gin.Context) {
	var req placeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()

	id, err := h.orders.Place(ctx, Order{UserID: req.UserID, SKU: req.SKU, Quantity: req.Quantity})
	if err != nil {
		placeFailures.Inc()
		log.Printf("place order for user %d: %v", req.UserID, err)
		c.JSON(http.StatusInternalServerError, gin.H{"error": "try again"})
		return
	}

	// The charge runs after the response, on a context cancelled as soon as this handler returns.
	go func() {
		if err := h.payments.Charge(ctx, id, req.AmountCents); err != nil {
			placeFailures.Inc()
		}
	}()
	c.JSON(http.StatusAccepted, gin.H{"id": id})
}
