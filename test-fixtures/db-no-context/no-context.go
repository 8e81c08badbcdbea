package order

import (
	"database/sql"
	"log"
)

var db *sql.DB

func Init(dsn string) {
	conn, err := sql.Open("mysql", dsn)
	if err != nil {
		log.Fatal(err)
	}
	db = conn
}

// CancelExpired has no context to pass on: the fix derives one with a deadline, once for the function.
func CancelExpired(ids []int64) error {
	log.Printf("cancelling %d orders", len(ids))
	tx, err := db.Begin() // want "db-no-context"
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.Exec("UPDATE orders SET state = 'cancelled' WHERE id = ?", id); err != nil { // want "db-no-context"
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func Total() (n int, err error) {
	err = db.QueryRow("SELECT COUNT(*) FROM orders").Scan(&n) // want "db-no-context"
	return n, err
}

func Purge() {
	go db.Exec("DELETE FROM orders WHERE state = 'cancelled'") // want "db-no-context"
}
