// Package core keeps the contacts.
package core

import (
	"context"
	"database/sql"
)

type Core struct{ db *sql.DB }

func New(db *sql.DB) *Core { return &Core{db: db} }

func (c *Core) Save(ctx context.Context, name string) error {
	_, err := c.db.ExecContext(ctx, `INSERT INTO contacts (name) VALUES (?)`, name)
	return err
}
