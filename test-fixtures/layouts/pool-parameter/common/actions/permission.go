package actions

import (
	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type DataPermission struct{ DataScope string }

// PermissionAction reads the request's handle from the gin context; tx below is whatever handle it is given,
// not a pool of its own.
func PermissionAction() gin.HandlerFunc {
	return func(c *gin.Context) {
		db, ok := c.MustGet("db").(*gorm.DB)
		if !ok {
			c.AbortWithStatus(500)
			return
		}
		p, err := newDataPermission(db.WithContext(c.Request.Context()), c.GetString("user_id"))
		if err != nil {
			c.AbortWithStatus(500)
			return
		}
		c.Set("data_permission", p)
		c.Next()
	}
}

func newDataPermission(tx *gorm.DB, userID string) (*DataPermission, error) {
	p := &DataPermission{}
	err := tx.Table("sys_user").Select("data_scope").Where("user_id = ?", userID).Scan(p).Error
	return p, err
}
