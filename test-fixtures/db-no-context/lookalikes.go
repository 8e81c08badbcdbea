package coupon

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// cache is a key-value client whose Exec has nothing to do with SQL.
type cache struct{}

func (cache) Exec(cmd string, args ...any) error { return nil }

// builder assembles SQL text; its Query returns a string.
type builder struct{ table string }

func (b builder) Query(where string) string { return "SELECT * FROM " + b.table + " WHERE " + where }

// Querier is whatever the caller passes: it may or may not have context variants.
type Querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

type Service struct {
	cache cache
	db    *gorm.DB
	q     Querier
}

func (s *Service) Redeem(ctx context.Context, code string) error {
	if err := s.cache.Exec("DEL", code); err != nil {
		return err
	}
	_ = builder{table: "coupons"}.Query("code = ?")
	var n int64
	s.db.Model(&struct{}{}).Where("code = ?", code).Count(&n)
	s.db.Exec("UPDATE coupons SET used = 1 WHERE code = ?", code)
	rows, err := s.q.Query("SELECT 1")
	if err != nil {
		return err
	}
	return rows.Close()
}

func Shadowed(db *sql.DB, clients []cache) {
	for _, db := range clients {
		_ = db.Exec("PING")
	}
	if len(clients) > 0 {
		db := clients[0]
		_ = db.Exec("PING")
	}
}

func AlreadyFine(ctx context.Context, db *sqlx.DB, conn *sql.Conn) error {
	var n int
	if err := db.GetContext(ctx, &n, "SELECT 1"); err != nil {
		return err
	}
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	rows, err := tx.NamedQuery("SELECT * FROM coupons WHERE code = :code", map[string]any{"code": "x"})
	if err != nil {
		return err
	}
	rows.Close()
	_, err = conn.ExecContext(ctx, "SELECT 1")
	return err
}

func Unknown(store interface{ Exec(string) error }) error {
	return store.Exec("VACUUM")
}

// Ledger uses a pgx pool: its Query and Exec are pgx's own, with QueryEx/ExecEx for contexts.
type Ledger struct {
	pool *pgx.ConnPool
}

func (l *Ledger) Balance(ctx context.Context, account string) (int64, error) {
	var balance int64
	err := l.pool.QueryRow("SELECT balance FROM ledger WHERE account = $1", account).Scan(&balance)
	if err != nil {
		return 0, err
	}
	_, err = l.pool.Exec("UPDATE ledger SET read_at = now() WHERE account = $1", account)
	return balance, err
}
