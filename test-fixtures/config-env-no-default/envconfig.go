package config

import "github.com/kelseyhightower/envconfig"

type Spec struct {
	Debug bool
	Port  int `envconfig:"PORT"`
	// want-above "config-env-no-default"
	User string `envconfig:"USER" required:"false"`
	// want-above "config-env-no-default"
	Rate float64 `envconfig:"RATE" default:"1.5"`
}

func Load() (Spec, error) {
	var s Spec
	err := envconfig.Process("app", &s)
	return s, err
}
