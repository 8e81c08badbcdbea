package server

import (
	"github.com/fsnotify/fsnotify"

	"example.com/shop/config"
)

var current *config.Settings

// This file does not import viper: the instance comes from the config package.
func WatchSettings() {
	config.V.OnConfigChange(func(e fsnotify.Event) { // want "config-reload-unvalidated"
		next, err := config.Load()
		if err != nil {
			return
		}
		current = next
	})
	config.V.WatchConfig()
}
