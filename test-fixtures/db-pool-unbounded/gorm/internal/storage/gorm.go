package storage

import (
	"log"

	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

var DB *gorm.DB

func Init(dsn string) {
	var err error
	DB, err = gorm.Open(mysql.Open(dsn), &gorm.Config{}) // want "db-pool-unbounded"
	if err != nil {
		log.Fatalf("connect: %v", err)
	}
}
