package mux

import (
	"database/sql"
	"net/http"
)

// Config carries each service's own pool to its routes: one type, a different pool per program.
type Config struct{ DB *sql.DB }

type RouteAdder interface{ Add(m *http.ServeMux, cfg Config) }

func WebAPI(cfg Config, routes RouteAdder) *http.ServeMux {
	m := http.NewServeMux()
	routes.Add(m, cfg)
	return m
}
