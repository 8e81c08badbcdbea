package billing

import "example.com/shop/queries"

func Total(q *queries.Queries, id int64) (int64, error) {
	var total int64
	err := q.GetInvoice.QueryRow(id).Scan(&total) // want "db-no-context"
	return total, err
}

func Void(q *queries.Queries, id int64) error {
	tx, err := q.Tx()
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE invoices SET void = 1 WHERE id = ?`, id); err != nil { // want "db-no-context"
		return err
	}
	return tx.Commit()
}
