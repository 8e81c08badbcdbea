package main

import "github.com/gin-gonic/gin"

// svc-a's middleware lives in another module: it does not trace this one.
func main() {
	engine := gin.New() // want "trace-gin-no-middleware"
	_ = engine.Run()
}
