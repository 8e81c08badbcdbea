package main

import (
	"encoding/json"
	"log"
	"os"
	"sync/atomic"

	"github.com/fsnotify/fsnotify"
)

type Config struct {
	RedisTimeoutMs int `json:"redis_timeout_ms"`
}

var current atomic.Pointer[Config]

func watch(w *fsnotify.Watcher) {
	for ev := range w.Events { // want "config-reload-unvalidated"
		data, _ := os.ReadFile(ev.Name)
		var next Config
		_ = json.Unmarshal(data, &next)
		current.Store(&next)
	}
}

func watchSelect(w *fsnotify.Watcher) {
	for {
		select {
		case ev := <-w.Events: // want "config-reload-unvalidated"
			if ev.Op&fsnotify.Write == 0 {
				continue
			}
			data, err := os.ReadFile(ev.Name)
			if err != nil {
				continue
			}
			next := &Config{}
			if err := json.Unmarshal(data, next); err != nil {
				continue
			}
			current.Store(next)
		case err := <-w.Errors:
			log.Println("watch:", err)
		}
	}
}
