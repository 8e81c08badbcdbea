package queries

import "database/sql"

// Queries holds prepared statements, as generated query layers do.
type Queries struct {
	GetInvoice *sql.Stmt
	db         *sql.DB
}

func (q *Queries) Tx() (*sql.Tx, error) {
	return q.db.Begin() // want "db-no-context"
}
