package server

import (
	"github.com/fsnotify/fsnotify"

	"example.com/shop/config"
)

var flags map[string]bool

// A viper instance from a constructor of another package.
func WatchFeatures() {
	v := config.NewFeatures()
	v.OnConfigChange(func(e fsnotify.Event) { // want "config-reload-unvalidated"
		next := map[string]bool{}
		_ = v.Unmarshal(&next)
		flags = next
	})
	v.WatchConfig()
}
