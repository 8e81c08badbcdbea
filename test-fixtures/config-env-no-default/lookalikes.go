package config

import "time"

// Every field here states what happens when its variable is missing.
type Settings struct {
	Port        int           `env:"PORT" envDefault:"8080"`
	DSN         string        `env:"DATABASE_DSN,required"`
	Region      string        `env:"REGION, notEmpty"`
	Timeout     time.Duration `env:"TIMEOUT,default=2s"`
	Token       string        `env:"TOKEN" validate:"required"`
	CacheDir    string        `env:"CACHE_DIR" env-default:"/tmp/cache"`
	Secret      string        `env:"SECRET" env-required:"true"`
	Ignored     string        `env:"-"`
	Name        string        `json:"name" yaml:"name"`
	Environment string        `json:"env"`
	Proxy       *string       `env:"HTTP_PROXY"`
	Limits      Limits        `envPrefix:"LIMITS_"`
}

type Limits struct {
	Burst int `env:"BURST" envDefault:"10"`
}

// kelseyhightower/envconfig spells the same things as separate keys.
type Spec struct {
	Workers int    `envconfig:"WORKERS" default:"4"`
	User    string `envconfig:"USER" required:"true"`
}
