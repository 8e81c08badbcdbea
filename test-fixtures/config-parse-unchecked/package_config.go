package settings

import "strconv"

func portStr() string { return "8080" }

// In a package named for configuration, parsed strings are configuration.
func Port() int {
	port, _ := strconv.Atoi(portStr()) // want "config-parse-unchecked"
	return port
}
