// Command api keeps its dependencies on an application struct, as many Go services do.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"

	"example.com/shop/internal/health"
	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

type application struct {
	db     *sql.DB
	logger *log.Logger
	limits struct {
		maxBody int64
	}
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL")) // want "db-shared-pool"
	if err != nil {
		log.Fatal(err)
	}
	app := &application{db: db, logger: log.New(os.Stderr, "api ", log.LstdFlags)}
	log.Fatal(http.ListenAndServe(":4000", app.routes()))
}

func (app *application) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/users", user.NewHandler(app.db, app.logger))

	mux.Handle("/orders", order.NewHandler(app.db, app.logger))

	mux.Handle("/healthz", health.New(app.db))
	return mux
}
