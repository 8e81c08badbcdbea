package config

import (
	"os"
	"strconv"
)

// Go 1.19 has no log/slog: the fix logs with the standard log package.
func Port() int {
	port, _ := strconv.Atoi(os.Getenv("PORT")) // want "config-parse-unchecked"
	return port
}
