// Package coupon redeems coupons straight on the handle.
package coupon

import "database/sql"

// Redeemer marks coupons used.
type Redeemer struct{ db *sql.DB }

// New returns a Redeemer over db.
func New(db *sql.DB) *Redeemer { return &Redeemer{db: db} }
