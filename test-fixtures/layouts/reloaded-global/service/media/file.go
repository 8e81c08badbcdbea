package media

import (
	"context"

	"example.com/admin/global"
)

func CountFiles(ctx context.Context) (n int64, err error) {
	err = global.DB.WithContext(ctx).Table("media_files").Count(&n).Error
	return n, err
}
