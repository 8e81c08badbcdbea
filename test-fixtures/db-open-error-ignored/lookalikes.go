package store

import (
	"database/sql"
	"os"

	sqlx "github.com/jmoiron/sqlx"
)

type cache struct{}

func (cache) Open(name string) (int, error) { return 0, nil }

func Fine(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func NotADatabase(c cache) {
	f, _ := os.Open("/tmp/x")
	n, _ := c.Open("x")
	_, _ = f, n
}

func Sqlx(dsn string) (*sqlx.DB, error) {
	return sqlx.Connect("mysql", dsn)
}
