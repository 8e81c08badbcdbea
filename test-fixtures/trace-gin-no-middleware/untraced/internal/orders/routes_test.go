package orders

import (
	"testing"

	"github.com/gin-gonic/gin"
)

// Tests build throwaway engines; they are not services.
func TestRegister(t *testing.T) {
	r := gin.New()
	Register(r)
}
