package main

import (
	"log"
	"os"

	"example.com/tight/internal/store"
)

func main() {
	if err := store.Open(os.Getenv("DSN")); err != nil {
		log.Fatal(err)
	}
}
