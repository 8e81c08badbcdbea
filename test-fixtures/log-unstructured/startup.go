package app

import (
	"errors"
	"log"
	"os"
)

// init runs before any logger of the service exists, in any package: the standard logger is all there is.
func init() {
	if os.Getenv("PG_URL") == "" {
		log.Fatalf("migrate: environment variable not declared: PG_URL")
	}
}

// Setup and its helpers run once from main, at start-up (go-admin's storage.Setup).
func Setup() {
	setupCache()
}

func setupCache() {
	if os.Getenv("CACHE_URL") == "" {
		log.Fatalf("cache setup error, %s\n", errors.New("no CACHE_URL"))
	}
}

// Reading the configuration comes before any logger it configures.
func ParseConfig(path string) error {
	if path == "" {
		log.Printf("unable to decode into struct, %v", errors.New("no path"))
		return errors.New("no path")
	}
	return nil
}

// Serving code of the same package: the package's log calls are reported here, counting only this one.
func Handle(orderID string) {
	log.Printf("order %s failed", orderID) // want "log-unstructured"
}
