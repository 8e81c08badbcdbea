package middleware

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/gin-gonic/gin"
)

type traceKey struct{}

func newID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// RequestMeta is a hand-written W3C trace-context middleware: it keeps the caller's trace id from traceparent
// (read in a helper) and answers with its own span id (W12).
func RequestMeta() gin.HandlerFunc {
	return func(c *gin.Context) {
		traceID := extractTrace(c)
		if traceID == "" {
			traceID = newID(16)
		}
		spanID := newID(8)
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), traceKey{}, traceID))
		c.Header("traceparent", "00-"+traceID+"-"+spanID+"-01")
		c.Next()
	}
}

func extractTrace(c *gin.Context) string {
	if parts := strings.Split(c.GetHeader("traceparent"), "-"); len(parts) == 4 {
		return parts[1]
	}
	return ""
}
