package store

import (
	"database/sql"
	"fmt"
)

type Core struct{ db *sql.DB }

// The statement is built in a local first: still a view refresh, long by design (information, no timeout).
func (c *Core) RefreshMatView(name string, concurrent bool) error {
	q := "REFRESH MATERIALIZED VIEW %s %s"
	if concurrent {
		q = fmt.Sprintf(q, "CONCURRENTLY", name)
	} else {
		q = fmt.Sprintf(q, "", name)
	}
	_, err := c.db.Exec(q) // want "db-no-context"
	return err
}

// A local that holds an ordinary query is no schema work: warning, with the timeout fix.
func (c *Core) CountUsers() (int, error) {
	q := "SELECT count(*) FROM users"
	var n int
	err := c.db.QueryRow(q).Scan(&n) // want "db-no-context"
	return n, err
}
