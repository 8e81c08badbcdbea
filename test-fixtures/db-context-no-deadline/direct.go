package payment

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

type Callback struct {
	OrderID string
	Status  string
}

// DBTX is what sqlc generates: *sql.DB and *sql.Tx both satisfy it.
type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
}

type Queries struct {
	db DBTX
}

func SaveCallback(db *sql.DB, cb Callback) error {
	tx, err := db.BeginTx(context.TODO(), nil) // want "db-context-no-deadline"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(context.Background(), "UPDATE orders SET status = ? WHERE id = ?", cb.Status, cb.OrderID); err != nil { // want "db-context-no-deadline"
		return err
	}
	return tx.Commit()
}

func (q *Queries) MarkPaid(id string) error {
	_, err := q.db.ExecContext(context.Background(), "UPDATE orders SET paid = 1 WHERE id = ?", id) // want "db-context-no-deadline"
	return err
}

func Pending(db *gorm.DB) ([]Callback, error) {
	var out []Callback
	err := db.WithContext(context.Background()).Where("status = ?", "pending").Find(&out).Error // want "db-context-no-deadline"
	return out, err
}
