package user

import "database/sql"

// Repo keeps its handle in a field; its queries live in another file.
type Repo struct {
	db *sql.DB
}

func NewRepo(db *sql.DB) *Repo {
	return &Repo{db: db}
}
