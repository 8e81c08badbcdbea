package setup

import "database/sql"

// SqliteHandler installs on sqlite.
type SqliteHandler struct{ DSN string }

// EnsureDB opens the pool the application runs on once the wizard is done.
func (h SqliteHandler) EnsureDB() (*sql.DB, error) {
	db, err := sql.Open("sqlite", h.DSN)
	if err != nil {
		return nil, err
	}
	return db, nil
}
