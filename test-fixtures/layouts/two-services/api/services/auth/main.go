package main

import (
	"database/sql"
	"net/http"
	"os"
	"time"

	"example.com/svc/api/services/auth/build"
	"example.com/svc/app/sdk/mux"
)

func main() {
	db, err := sql.Open("pgx", os.Getenv("DB_DSN"))
	if err != nil {
		return
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxLifetime(30 * time.Minute)
	_ = http.ListenAndServe(":6000", mux.WebAPI(mux.Config{DB: db}, build.Routes{}))
}
