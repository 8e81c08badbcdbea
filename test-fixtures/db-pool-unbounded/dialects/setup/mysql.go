package setup

import "database/sql"

// MysqlHandler installs on mysql.
type MysqlHandler struct{ DSN string }

// EnsureDB opens the pool the application runs on once the wizard is done.
func (h MysqlHandler) EnsureDB() (*sql.DB, error) {
	db, err := sql.Open("mysql", h.DSN) // want "db-pool-unbounded"
	if err != nil {
		return nil, err
	}
	return db, nil
}
