// Package peer holds the database calls noctx expects to be flagged, written for this rule.
package peer

import (
	"context"
	"database/sql"
)

func queries() {
	ctx := context.Background()
	conn, _ := sql.Open("pg", "x")
	conn.Exec("update t set a = 1") // want "db-no-context"
	conn.ExecContext(ctx, "x")
	conn.Ping()               // want "db-no-context"
	conn.Prepare("select 1")  // want "db-no-context"
	conn.Query("select 1")    // want "db-no-context"
	conn.QueryRow("select 1") // want "db-no-context"
	txn, _ := conn.Begin()    // want "db-no-context"
	txn.Exec("x")             // want "db-no-context"
	txn.Prepare("x")          // want "db-no-context"
	txn.Query("x")            // want "db-no-context"
	txn.QueryRow("x")         // want "db-no-context"
	_ = txn.Commit()
}
