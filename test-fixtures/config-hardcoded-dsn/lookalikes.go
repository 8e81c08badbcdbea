package config

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
)

const (
	// Names of variables, not values.
	envDSN      = "DATABASE_URL"
	supportMail = "orders@shop.example.com"
	usage       = "set DATABASE_URL, e.g. postgres://user:pass@host:5432/db"
	webhook     = "https://hook:token@api.example.com/v1/callback"
	templated   = "mysql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app"
	socketOnly  = "app@unix(/var/run/mysqld/mysqld.sock)/app"
)

// URL parser test data: not well-formed hosts.
var parseCases = []string{"mysql://a,b,c/bar", "mysql://x@y(z:123)/foo"}

func DSN(user, pass, host string, port int, name string) string {
	return fmt.Sprintf("%s:%s@tcp(%s:%d)/%s?parseTime=true", user, pass, host, port, name)
}

func PostgresDSN(host, user, pass string) string {
	return fmt.Sprintf("host=%s user=%s password=%s dbname=app sslmode=require", host, user, pass)
}

func Open() (*sql.DB, error) {
	return sql.Open("postgres", os.Getenv(envDSN))
}

func Ping(c *http.Client) error {
	_, err := c.Get("http://localhost:8080/healthz")
	return err
}
