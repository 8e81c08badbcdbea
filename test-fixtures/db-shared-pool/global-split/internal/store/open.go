package store

import (
	"database/sql"
	"fmt"
)

// Init opens DB; call it once from main.
func Init(dsn string) error {
	var err error
	DB, err = sql.Open(Driver, dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", Driver, err)
	}
	DB.SetMaxOpenConns(20)
	return nil
}
