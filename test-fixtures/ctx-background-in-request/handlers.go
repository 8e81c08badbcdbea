package order

import (
	stdctx "context"
	"database/sql"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"
)

type Store struct{ db *sql.DB }

func (s *Store) Get(w http.ResponseWriter, r *http.Request) {
	row := s.db.QueryRowContext(stdctx.Background(), "SELECT status FROM orders WHERE id = ?", r.URL.Query().Get("id")) // want "ctx-background-in-request"
	var status string
	if err := row.Scan(&status); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_, _ = w.Write([]byte(status))
}

func (s *Store) Cancel(ctx stdctx.Context, id string) error {
	short, cancel := stdctx.WithTimeout(stdctx.TODO(), 800*time.Millisecond) // want "ctx-background-in-request"
	defer cancel()
	_, err := s.db.ExecContext(short, "UPDATE orders SET status = 'cancelled' WHERE id = ?", id)
	return err
}

func (s *Store) Totals(ctx stdctx.Context, ids []string) error {
	var g errgroup.Group
	for _, id := range ids {
		g.Go(func() error {
			_, err := s.db.ExecContext(stdctx.Background(), "CALL recompute(?)", id) // want "ctx-background-in-request"
			return err
		})
	}
	return g.Wait()
}

func (s *Store) Echo(c echo.Context) error {
	_, err := s.db.ExecContext(stdctx.Background(), "SELECT 1") // want "ctx-background-in-request"
	return err
}
