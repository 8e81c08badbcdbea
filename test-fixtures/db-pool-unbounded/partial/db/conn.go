package db

import "github.com/jmoiron/sqlx"

type Store struct {
	conn *sqlx.DB
}

func New(dsn string) *Store {
	conn := sqlx.MustConnect("postgres", dsn) // want "db-pool-unbounded"
	return &Store{conn: conn}
}
