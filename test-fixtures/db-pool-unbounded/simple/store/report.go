package store

import (
	"database/sql"
	"log"
)

// OpenReports opens a pool for one job and closes it before it returns: a one-shot pool has nothing to bound.
func OpenReports(dsn string) {
	reports, err := sql.Open("postgres", dsn)
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
