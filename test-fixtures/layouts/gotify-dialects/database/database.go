package database

import (
	"errors"

	"gorm.io/driver/mysql"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// GormDatabase opens one pool whichever dialect is configured: the three Open calls are one pool, not three.
type GormDatabase struct{ DB *gorm.DB }

func New(dialect, dsn string) (*GormDatabase, error) {
	var db *gorm.DB
	err := errors.New("unsupported dialect: " + dialect)
	switch dialect {
	case "mysql":
		db, err = gorm.Open(mysql.Open(dsn), &gorm.Config{}) // want "db-pool-unbounded" "db-shared-pool"
	case "postgres":
		db, err = gorm.Open(postgres.Open(dsn), &gorm.Config{})
	case "sqlite3":
		db, err = gorm.Open(sqlite.Open(dsn), &gorm.Config{})
	}
	if err != nil {
		return nil, err
	}
	return &GormDatabase{DB: db}, nil
}
