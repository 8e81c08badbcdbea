package main

import (
	"log"
	"time"

	"github.com/gin-gonic/gin"
)

// Named like a tracer, but only logs: no propagated context is extracted and no span started.
func Tracing() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		log.Printf("%s %s %v", c.Request.Method, c.FullPath(), time.Since(start))
	}
}

type server struct {
	router *gin.Engine
}

func main() {
	s := &server{}
	s.router = gin.Default() // want "trace-gin-no-middleware"
	s.router.Use(Tracing())
	_ = s.router.Run()
}
