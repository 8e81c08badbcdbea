package user

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
	"time"
)

// auditLog is a local struct whose ExecContext runs a shell hook, not SQL.
type auditLog struct{}

func (auditLog) ExecContext(ctx context.Context, cmd string, args ...interface{}) (sql.Result, error) {
	return nil, exec.CommandContext(ctx, cmd).Run()
}

func Load(ctx context.Context, db *sql.DB, id int64) error {
	_, err := db.QueryContext(ctx, "SELECT * FROM users WHERE id = ?", id)
	return err
}

func Bounded(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
	defer cancel()
	_, err := db.ExecContext(ctx, "DELETE FROM sessions WHERE expired = 1")
	return err
}

func Rebound(db *sql.DB, deadline time.Time) error {
	ctx := context.Background()
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	_, err := db.ExecContext(ctx, "DELETE FROM sessions")
	return err
}

func Handler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if r.URL.Query().Get("debug") != "" {
			ctx := context.Background()
			_ = ctx
		}
		_ = db.QueryRowContext(ctx, "SELECT 1")
	}
}

func Hooks(a auditLog) error {
	_, err := a.ExecContext(context.Background(), "/usr/bin/true")
	if err != nil {
		return err
	}
	return exec.CommandContext(context.Background(), "true").Run()
}
