// Command server starts the refresh workers beside the web server.
package main

import (
	"context"
	"log"
	"net/http"

	"example.com/feed/internal/platform"
	"example.com/feed/internal/refresh"
	"example.com/feed/internal/web"
)

func main() {
	if err := platform.Open(""); err != nil {
		log.Fatal(err)
	}
	refresh.Start(context.Background(), 4)
	http.HandleFunc("/feed", web.Feed)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
