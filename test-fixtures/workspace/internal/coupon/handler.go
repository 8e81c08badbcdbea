package coupon

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Handler serves the coupon API.
type Handler struct {
	coupons *Service
}

// NewHandler returns the coupon API.
func NewHandler(coupons *Service) *Handler {
	return &Handler{coupons: coupons}
}

// RedeemBatch serves POST /coupons/batches/:batch/redeem with the codes in the body.
func (h *Handler) RedeemBatch(c *gin.Context) {
	var codes []string
	if err := c.ShouldBindJSON(&codes); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	failed := h.coupons.RedeemBatch(c.Request.Context(), codes)
	c.JSON(http.StatusOK, gin.H{"batch": c.Param("batch"), "redeemed": len(codes) - failed, "failed": failed})
}
