package main

import (
	"log"
	"os"
)

// A seed tool printing to the operator's terminal: a command, not a service.
func load(path string) {
	if _, err := os.Stat(path); err != nil {
		log.Fatalf("cannot read %s: %v", path, err)
	}
	log.Printf("seeding from %s", path)
}

func main() { load(os.Args[1]) }
