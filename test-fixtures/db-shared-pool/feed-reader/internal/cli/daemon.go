package cli

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"time"

	"example.com/rss/internal/fever"
	"example.com/rss/internal/googlereader"
	"example.com/rss/internal/metric"
	"example.com/rss/internal/storage"
	"example.com/rss/internal/ui"
	"example.com/rss/internal/worker"
)

func StartDaemon(ctx context.Context) error {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL")) // want "db-shared-pool"
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(time.Hour)
	store := storage.NewStorage(db)
	m := http.NewServeMux()
	fever.Serve(m, store)
	googlereader.Serve(m, store)
	ui.Serve(m, store)
	worker.NewPool(ctx, store, 16)
	metric.NewCollector(store)
	return http.ListenAndServe(":8080", m)
}
