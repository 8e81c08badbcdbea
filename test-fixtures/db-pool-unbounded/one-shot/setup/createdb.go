// Package setup creates the database once from the install wizard (gin-vue-admin's createDatabase).
package setup

import (
	"database/sql"
	"fmt"
)

// The handle lives for one statement: the deferred closure closes it, so there is no pool to bound.
func createDatabase(dsn, driver, createSQL string) error {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer func(db *sql.DB) {
		if err := db.Close(); err != nil {
			fmt.Println(err)
		}
	}(db)
	_, err = db.Exec(createSQL) // want "db-no-context"
	return err
}

// A deferred closure that closes something else leaves the pool open for the process: still reported.
func openShared(dsn string, log func(string)) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn) // want "db-pool-unbounded"
	if err != nil {
		return nil, err
	}
	defer func(pool *sql.DB) {
		log(fmt.Sprint(pool.Stats().OpenConnections))
	}(db)
	return db, nil
}
