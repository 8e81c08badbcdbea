package setup

import "database/sql"

// Store opens a pool of its own with a different method name: a decision of its own, reported apart.
type Store struct{ db *sql.DB }

func (s *Store) Open(dsn string) error {
	db, err := sql.Open("mysql", dsn) // want "db-pool-unbounded"
	if err != nil {
		return err
	}
	s.db = db
	return nil
}
