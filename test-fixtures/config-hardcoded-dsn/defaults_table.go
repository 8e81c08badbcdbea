package config

import "os"

type option struct {
	parsed string
	raw    string
	secret bool
}

// The defaults of options read from the environment: one default, written twice, found once and without a fix
// (the option is DATABASE_URL already). No host named: the driver connects to the local database.
var defaults = map[string]option{
	"DATABASE_URL": {
		parsed: "user=postgres password=postgres dbname=reader sslmode=disable", // want "config-hardcoded-dsn"
		raw:    "user=postgres password=postgres dbname=reader sslmode=disable",
		secret: true,
	},
}

func Get(key string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return defaults[key].parsed
}

// A MySQL DSN with no address connects to 127.0.0.1:3306.
var legacy = "root:secret@/orders" // want "config-hardcoded-dsn"

// A socket path is a host of its own: with a password, the password message.
var socket = "host=/var/run/postgresql user=app password=secret dbname=app" // want "config-hardcoded-dsn"
