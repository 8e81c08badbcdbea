package config

import (
	"os"
	"strconv"
	"time"

	"github.com/spf13/viper"
)

type Config struct {
	RedisTimeoutMs int
	Workers        int
	Debug          bool
	ReadTimeout    time.Duration
}

func FromEnv() Config {
	var cfg Config
	timeout, _ := strconv.Atoi(os.Getenv("REDIS_TIMEOUT_MS")) // want "config-parse-unchecked"
	cfg.RedisTimeoutMs = timeout
	cfg.Debug, _ = strconv.ParseBool(os.Getenv("DEBUG")) // want "config-parse-unchecked"
	return cfg
}

func readTimeout(v *viper.Viper) time.Duration {
	d, _ := time.ParseDuration(v.GetString("http.read_timeout")) // want "config-parse-unchecked"
	return d
}

func workers() int {
	raw := os.Getenv("WORKERS")
	n, _ := strconv.ParseInt(raw, 10, 64) // want "config-parse-unchecked"
	return int(n)
}
