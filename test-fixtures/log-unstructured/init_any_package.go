package app

import (
	"log"
	"os"
)

// init runs before any logger of the service exists, in any package: the standard logger is all there is.
func init() {
	if os.Getenv("PG_URL") == "" {
		log.Fatalf("migrate: environment variable not declared: PG_URL")
	}
}
