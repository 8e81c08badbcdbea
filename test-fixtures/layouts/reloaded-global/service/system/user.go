package system

import (
	"context"

	"example.com/admin/global"
)

func CountUsers(ctx context.Context) (n int64, err error) {
	err = global.DB.WithContext(ctx).Table("sys_users").Count(&n).Error
	return n, err
}
