package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

type CommitRollbacker interface {
	Commit() error
	Rollback() error
}

type adapter struct {
	db        *sql.DB
	dbName    string
	txTimeout time.Duration
}

// Begin hands its transaction to the caller: a deferred cancel here would roll it back at once (no timeout fix).
func (a *adapter) Begin() (CommitRollbacker, error) {
	return a.db.Begin() // want "db-no-context"
}

// Rows are handed on too.
func (a *adapter) Names() (*sql.Rows, error) {
	rows, err := a.db.Query(`SELECT name FROM users`) // want "db-no-context"
	return rows, err
}

func (a *adapter) getContextForTx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), a.txTimeout)
}

// UserDelete already holds a context from a helper: the fix passes it.
func (a *adapter) UserDelete(uid int64) error {
	ctx, cancel := a.getContextForTx()
	defer cancel()
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err = tx.Exec("DELETE FROM dellog WHERE deletedfor=?", uid); err != nil { // want "db-no-context"
		return err
	}
	return tx.Commit()
}

// CreateDb is schema work by its name and its statements: information, no timeout.
func (a *adapter) CreateDb(reset bool) error {
	if _, err := a.db.Exec("CREATE DATABASE " + a.dbName + " CHARACTER SET utf8mb4"); err != nil { // want "db-no-context"
		return err
	}
	return nil
}

// Maintenance statements are long by nature: information, no timeout.
func (a *adapter) Vacuum(view string) error {
	if _, err := a.db.Exec("VACUUM ANALYZE"); err != nil { // want "db-no-context"
		return err
	}
	_, err := a.db.Exec(fmt.Sprintf("REFRESH MATERIALIZED VIEW CONCURRENTLY %s", view)) // want "db-no-context"
	return err
}
