package config

import (
	stdtime "time"

	"github.com/caarlos0/env/v10"
)

type Config struct {
	Port PortNumber `env:"PORT"`
	// want-above "config-env-no-default"
	Timeout stdtime.Duration `env:"TIMEOUT"`
	// want-above "config-env-no-default"
	TLS TLS `env:"TLS"`
}

func Load() (Config, error) {
	var cfg Config
	err := env.Parse(&cfg)
	return cfg, err
}
