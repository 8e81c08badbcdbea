package main

import (
	"time"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigFile("config.yaml")
	if err := viper.ReadInConfig(); err != nil {
		panic(err)
	}
	viper.WatchConfig() // want "config-reload-unvalidated"
	serve()
}

func serve() {
	for {
		// Read at use time: whatever the watcher swapped in, checked or not.
		time.Sleep(time.Duration(viper.GetInt("redis_timeout_ms")) * time.Millisecond)
	}
}
