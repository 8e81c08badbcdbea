package server

import "github.com/gin-gonic/gin"

func NewRouter() *gin.Engine {
	r := gin.New()
	installMiddleware(r)
	return r
}
