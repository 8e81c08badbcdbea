package main

import (
	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"

	"example.com/payments/internal/middleware"
)

func main() {
	r := gin.Default()
	r.Use(middleware.Tracing(otel.Tracer("payments")))
	_ = r.Run()
}
