package main

import "github.com/spf13/viper"

func main() {
	viper.SetConfigFile("config.yaml")
	if err := viper.ReadInConfig(); err != nil {
		panic(err)
	}
	viper.WatchConfig() // want "config-reload-unvalidated"
	serve(viper.GetInt("redis_timeout_ms"))
}

func serve(timeoutMs int) {}
