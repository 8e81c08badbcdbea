package main

import (
	"encoding/json"
	"log"
	"os"

	"github.com/fsnotify/fsnotify"
)

type Config struct{ MaxConns int }

func (c *Config) Validate() error { return nil }

var cfg *Config

func loop(w *fsnotify.Watcher) {
	for {
		select {
		case ev := <-w.Events: // want "config-reload-unvalidated"
			data, _ := os.ReadFile(ev.Name)
			next := &Config{}
			_ = json.Unmarshal(data, next)
			cfg = next
		case err := <-w.Errors:
			log.Println(err)
		}
	}
}
