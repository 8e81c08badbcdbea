package main

import (
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"
)

// The echo server is traced; the gin engine beside it is not: middleware installed on echo does not trace gin.
func main() {
	e := echo.New()
	e.Use(otelecho.Middleware("admin"))
	r := gin.New() // want "trace-gin-no-middleware"
	r.GET("/health", func(c *gin.Context) { c.String(200, "ok") })
	go e.Start(":8081")
	r.Run(":8080")
}
