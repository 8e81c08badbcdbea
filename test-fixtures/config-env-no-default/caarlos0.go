package config

import (
	"time"

	"github.com/caarlos0/env/v10"
)

type Config struct {
	DatabaseDSN string `env:"DATABASE_DSN"`
	// want-above "config-env-no-default"
	RedisTimeoutMs int `env:"REDIS_TIMEOUT_MS" json:"redis_timeout_ms"`
	// want-above "config-env-no-default"
	ReadTimeout time.Duration `env:"READ_TIMEOUT,expand"`
	// want-above "config-env-no-default"
	TLSEnabled bool `env:"TLS_ENABLED"`
	// want-above "config-env-no-default"
	Port   int    `env:"PORT" envDefault:"8080"`
	APIKey string `env:"API_KEY,required"`
	Region string `env:"REGION,notEmpty"`
}

func Load() (Config, error) {
	var cfg Config
	err := env.Parse(&cfg)
	return cfg, err
}
