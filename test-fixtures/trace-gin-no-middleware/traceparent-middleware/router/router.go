package router

import (
	"github.com/gin-gonic/gin"

	"example.com/meta/middleware"
)

func Routers() *gin.Engine {
	r := gin.New()
	r.Use(middleware.RequestMeta())
	return r
}
