package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// The whole engine is wrapped as an http.Handler: every request gets a server span.
func main() {
	r := gin.New()
	_ = http.ListenAndServe(":8080", otelhttp.NewHandler(r, "gateway"))
}
