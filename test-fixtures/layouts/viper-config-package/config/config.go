// Package config owns the viper instance; other packages react to its changes.
package config

import "github.com/spf13/viper"

type Settings struct {
	Port      int
	RateLimit int
}

var V = viper.New()

func Load() (*Settings, error) {
	var s Settings
	if err := V.Unmarshal(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

// NewFeatures builds a second viper instance for feature flags.
func NewFeatures() *viper.Viper {
	return viper.New()
}
