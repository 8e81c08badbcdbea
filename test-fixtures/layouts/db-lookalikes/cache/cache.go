package cache

// Cache has a Query method but is no database.
type Cache struct{}

func (c *Cache) Query(key string) string { return key }

func (c *Cache) Exec(key string) error { return nil }

// DB is an interface that happens to be called DB.
type DB interface {
	QueryRow(query string, args ...any) Row
}

type Row interface{ Scan(dest ...any) error }
