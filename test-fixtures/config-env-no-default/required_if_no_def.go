package config

import "github.com/caarlos0/env/v10"

// RequiredIfNoDef makes caarlos0/env fail on every unset variable that has no default.
type Config struct {
	DatabaseDSN string `env:"DATABASE_DSN"`
	Port        int    `env:"PORT"`
}

func Load() (Config, error) {
	var cfg Config
	err := env.ParseWithOptions(&cfg, env.Options{RequiredIfNoDef: true})
	return cfg, err
}
