// Package config reads the service settings from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/caarlos0/env/v10"
)

// devDSN lets a laptop run the service without any setup; it must never be what production uses.
const devDSN = "shop:shop123@tcp(dev-db.internal:3306)/shop?parseTime=true"

// Config is everything the service needs to start.
type Config struct {
	Addr           string `env:"SHOP_ADDR" envDefault:":8080"`
	DSN            string `env:"SHOP_DSN"`
	PaymentURL     string `env:"PAYMENT_URL"`
	RedisTimeoutMs int    `env:"REDIS_TIMEOUT_MS" envDefault:"2000"`
	PaymentTimeout time.Duration
}

// Load parses the environment into a Config.
func Load() (Config, error) {
	var cfg Config
	if err := env.Parse(&cfg); err != nil {
		return Config{}, fmt.Errorf("parse environment: %w", err)
	}
	if cfg.DSN == "" {
		cfg.DSN = devDSN
	}
	ms, _ := strconv.Atoi(os.Getenv("PAYMENT_TIMEOUT_MS"))
	cfg.PaymentTimeout = time.Duration(ms) * time.Millisecond
	return cfg, nil
}
