package main

import (
	"log"
	"net/http"
	"os"
)

func init() {
	log.SetPrefix("orders ")
	log.Println("booting")
}

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: orders CONFIG")
	}
	if err := run(os.Args[1]); err != nil {
		log.Fatalf("run: %v", err)
	}
}

// run is service code called by main, so it is not bootstrap any more: this package main serves HTTP.
func run(path string) error {
	log.Printf("loading %s", path) // want "log-unstructured"
	return http.ListenAndServe(":8080", nil)
}
