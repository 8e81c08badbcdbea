package config

import (
	"os"
	"time"

	"github.com/caarlos0/env/v11"
)

type Config struct {
	Server ServerConfig `env:"SERVER"`
	DBURI  string       `env:"DB_URI"`
	Port   int          `env:"PORT"`
	Debug  bool         `env:"DEBUG"`
	// want-above "config-env-no-default"
}

type ServerConfig struct {
	Timeout time.Duration `env:"SERVER_TIMEOUT" envDefault:"5s"`
}

// The code states the default for Port and reads DB_URI itself; the tags are not the whole story.
func Load() (Config, error) {
	var c Config
	if err := env.Parse(&c); err != nil {
		return c, err
	}
	if c.Port == 0 {
		c.Port = 8080
	}
	c.DBURI = mustGetenv("DB_URI")
	return c, nil
}

func mustGetenv(key string) string {
	v := os.Getenv(key)
	if v == "" {
		panic(key + " is required")
	}
	return v
}
