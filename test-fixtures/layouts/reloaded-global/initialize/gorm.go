package initialize

import (
	"example.com/admin/global"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

func Gorm(dsn string) *gorm.DB {
	db, err := gorm.Open(mysql.Open(dsn), &gorm.Config{}) // want "db-pool-unbounded"
	if err != nil {
		return nil
	}
	return db
}

// Reload reconnects after the configuration changed.
func Reload(dsn string) { global.DB = Gorm(dsn) }
