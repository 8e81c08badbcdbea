// Command app opens the database and hands it to the init helpers.
package main

import (
	"database/sql"
	"log"
	"time"

	"example.com/crm/internal/initialize"
)

func main() {
	db, err := sql.Open("mysql", "") // want "db-shared-pool"
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(30)
	db.SetConnMaxLifetime(time.Hour)
	initialize.All(db)
}
