package main

import (
	"os"

	"example.com/admin/global"
	"example.com/admin/initialize"
)

func main() { global.DB = initialize.Gorm(os.Getenv("DB_DSN")) }
