package config

import (
	"sync/atomic"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/viper"
)

// Tunables are the settings operators may change while the service runs.
type Tunables struct {
	RedisTimeoutMs int  `mapstructure:"redis_timeout_ms"`
	CouponBatchMax int  `mapstructure:"coupon_batch_max"`
	MaintenanceOn  bool `mapstructure:"maintenance"`
}

var current atomic.Pointer[Tunables]

// Current returns the tunables in force.
func Current() *Tunables {
	return current.Load()
}

// Watch loads path and swaps in every change pushed to it.
func Watch(path string) {
	viper.SetConfigFile(path)
	if err := viper.ReadInConfig(); err == nil {
		var t Tunables
		if err := viper.Unmarshal(&t); err == nil {
			current.Store(&t)
		}
	}
	viper.OnConfigChange(func(e fsnotify.Event) {
		var next Tunables
		_ = viper.Unmarshal(&next)
		current.Store(&next)
	})
	viper.WatchConfig()
}
