package router

import (
	"example.com/notes/auth"
	"example.com/notes/database"
	"example.com/notes/plugin"
)

func Create(dialect, dsn string) (*auth.Auth, *plugin.Manager, error) {
	db, err := database.New(dialect, dsn)
	if err != nil {
		return nil, nil, err
	}
	return &auth.Auth{DB: db}, plugin.NewManager(db), nil
}
