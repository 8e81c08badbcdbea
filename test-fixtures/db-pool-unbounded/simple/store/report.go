package store

import (
	"database/sql"
	"log"
)

// OpenReports uses the pool inside the else branch of its error check: the fix has no right place for the
// limits there, so it reports without one.
func OpenReports(dsn string) {
	reports, err := sql.Open("postgres", dsn) // want "db-pool-unbounded"
	if err != nil {
		log.Println(err)
	} else {
		defer reports.Close()
		log.Println(reports.Stats().OpenConnections)
	}
}

// OpenCache drops the open error: the pool may be nil, so the limits wait until the error is checked.
func OpenCache(dsn string) *sql.DB {
	cache, _ := sql.Open("postgres", dsn) // want "db-pool-unbounded"
	return cache
}
