// Package userbus is the user domain's business layer.
package userbus

import (
	"context"
	"database/sql"
)

type Business struct{ db *sql.DB }

func New(db *sql.DB) *Business { return &Business{db: db} }

func (b *Business) Count(ctx context.Context) (n int, err error) {
	err = b.db.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}
