package audit

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type Trail struct{ db *sql.DB }

// Work that outlives the request must not use its cancellation, but a root context also drops its values.
func (t *Trail) Record(w http.ResponseWriter, r *http.Request) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want "ctx-background-in-request"
		defer cancel()
		_, _ = t.db.ExecContext(ctx, "INSERT INTO audit VALUES (?)", r.URL.Path)
	}()
	time.AfterFunc(time.Minute, func() {
		_, _ = t.db.ExecContext(context.TODO(), "DELETE FROM audit WHERE old") // want "ctx-background-in-request"
	})
	w.WriteHeader(http.StatusAccepted)
}

// The shape gosec's G118 describes: a fresh root in a goroutine, and its cancel thrown away.
func (t *Trail) Fire(w http.ResponseWriter, r *http.Request) {
	go func() {
		child, _ := context.WithTimeout(context.Background(), time.Second) // want "ctx-background-in-request" "ctx-cancel-lost"
		_ = t.db.PingContext(child)
	}()
}

// gin reuses *gin.Context after the handler returns, so no fix reads it from inside the goroutine.
func (t *Trail) Gin(c *gin.Context) {
	go func() {
		_ = t.db.PingContext(context.Background()) // want "ctx-background-in-request"
	}()
	go t.ping(context.TODO()) // want "ctx-background-in-request"
}

func (t *Trail) ping(ctx context.Context) { _ = t.db.PingContext(ctx) }
