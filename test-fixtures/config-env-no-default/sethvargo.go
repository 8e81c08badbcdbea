package config

import (
	"context"

	"github.com/sethvargo/go-envconfig"
)

type Config struct {
	Port int `env:"PORT"`
	// want-above "config-env-no-default"
	Host string `env:"HOST, default=localhost"`
	DSN  string `env:"DSN, required"`
}

func Load(ctx context.Context) (Config, error) {
	var c Config
	err := envconfig.Process(ctx, &c)
	return c, err
}
