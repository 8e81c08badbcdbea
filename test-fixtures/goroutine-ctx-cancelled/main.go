package main

import (
	"context"
	"log"
	"net/http"
)

func serveMetrics(ctx context.Context) {
	log.Println(http.ListenAndServe(":9090", nil))
}

// In main the deferred cancel only runs as the process exits.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serveMetrics(ctx)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
