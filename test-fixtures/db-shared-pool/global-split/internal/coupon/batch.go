// Package coupon redeems coupon batches.
package coupon

import "database/sql"

// Batcher redeems whole batches.
type Batcher struct {
	db *sql.DB
}

// NewBatcher returns a Batcher over db.
func NewBatcher(db *sql.DB) *Batcher {
	return &Batcher{db: db}
}
