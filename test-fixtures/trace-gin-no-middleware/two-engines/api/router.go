package api

import (
	"github.com/gin-gonic/gin"

	"example.com/twice/admin"
)

// The same lazily created engine: reported with the first, as a related place, not as a second finding.
func InitRouter() *gin.Engine {
	if admin.Runtime == nil {
		h := gin.New()
		return h
	}
	return admin.InitRouter()
}
