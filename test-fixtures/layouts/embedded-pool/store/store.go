package store

import "github.com/jmoiron/sqlx"

// Store embeds the pool, so its methods are the pool's.
type Store struct {
	*sqlx.DB
}
