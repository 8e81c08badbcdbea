// Package productbus is the product domain's business layer.
package productbus

import (
	"context"
	"database/sql"
)

type Business struct{ db *sql.DB }

func New(db *sql.DB) *Business { return &Business{db: db} }

func (b *Business) Count(ctx context.Context) (n int, err error) {
	err = b.db.QueryRowContext(ctx, `SELECT count(*) FROM products`).Scan(&n)
	return n, err
}
