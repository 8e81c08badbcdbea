package setup

import "database/sql"

// PgsqlHandler installs on pgsql.
type PgsqlHandler struct{ DSN string }

// EnsureDB opens the pool the application runs on once the wizard is done.
func (h PgsqlHandler) EnsureDB() (*sql.DB, error) {
	db, err := sql.Open("pgsql", h.DSN)
	if err != nil {
		return nil, err
	}
	return db, nil
}
