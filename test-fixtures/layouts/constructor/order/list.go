package order

import (
	"context"

	"example.com/shop/platform"
)

func List() error {
	rows, err := platform.Primary().Query(`SELECT id FROM orders`) // want "db-no-context"
	if err != nil {
		return err
	}
	return rows.Close()
}

func Archive() error {
	tx, err := platform.Primary().BeginTx(context.Background(), nil) // want "db-context-no-deadline"
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE orders SET archived = 1`); err != nil { // want "db-no-context"
		return err
	}
	return tx.Commit()
}
