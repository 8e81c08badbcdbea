package server

import (
	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
)

func installMiddleware(r *gin.Engine) {
	r.Use(otelgin.Middleware("inventory"), gin.Recovery())
}
