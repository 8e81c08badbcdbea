package router

import (
	"net/http"

	"example.com/goadmin/common/actions"
	"github.com/gin-gonic/gin"
)

func Register(g *gin.RouterGroup) {
	g.GET("/admin/list", actions.PermissionAction(), func(c *gin.Context) { c.Status(http.StatusOK) })
}
