package config

import (
	"errors"
	"sync"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/viper"
)

type Config struct {
	RedisTimeoutMs int
}

func (c Config) Validate() error {
	if c.RedisTimeoutMs <= 0 {
		return errors.New("redis_timeout_ms must be positive")
	}
	return nil
}

var (
	mu  sync.RWMutex
	cfg Config
)

func Watch() {
	viper.OnConfigChange(func(e fsnotify.Event) { // want "config-reload-unvalidated"
		var next Config
		if err := viper.Unmarshal(&next); err != nil {
			return
		}
		cfg = next
	})
	viper.WatchConfig()
}
