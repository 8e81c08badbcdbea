package user

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// Handler serves the account API.
type Handler struct {
	repo *Repo
}

// NewHandler returns the account API over repo.
func NewHandler(repo *Repo) *Handler {
	return &Handler{repo: repo}
}

// Get serves GET /users/:id.
func (h *Handler) Get(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad id"})
		return
	}
	// The lookup outlives the request: a client that gave up still holds a connection.
	u, err := h.repo.Get(context.Background(), id)
	if errors.Is(err, ErrNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such user"})
		return
	}
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "try again"})
		return
	}
	c.JSON(http.StatusOK, u)
}
