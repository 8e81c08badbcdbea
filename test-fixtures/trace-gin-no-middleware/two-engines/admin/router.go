package admin

import "github.com/gin-gonic/gin"

type runtime struct{ engine *gin.Engine }

var Runtime = &runtime{}

// InitRouter creates the shared engine if no router has yet: one engine, created in two places (go-admin).
func InitRouter() *gin.Engine {
	if Runtime.engine == nil {
		h := gin.New() // want "trace-gin-no-middleware"
		Runtime.engine = h
	}
	return Runtime.engine
}
