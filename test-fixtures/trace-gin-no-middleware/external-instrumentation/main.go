package main

import (
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	mw "github.com/tel-io/instrumentation/middleware/gin"
)

// A third-party instrumentation package: its body is out of sight, its import path says tracing.
func main() {
	app := gin.Default()
	app.Use(cors.Default())
	app.Use(mw.ServerMiddlewareAll())
	_ = app.Run()
}
