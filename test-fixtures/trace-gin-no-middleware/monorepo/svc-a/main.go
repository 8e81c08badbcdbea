package main

import (
	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
)

func main() {
	r := gin.New()
	r.Use(otelgin.Middleware("svc-a"))
	_ = r.Run()
}
