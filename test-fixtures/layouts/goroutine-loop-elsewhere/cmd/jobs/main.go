package main

import (
	"net/http"

	"example.com/jobs/jobs"
)

func main() {
	pool := jobs.NewPool()
	pool.Start(4)
	go jobs.Serve(pool)
	http.HandleFunc("/track", jobs.Track)
	_ = http.ListenAndServe(":8080", nil)
}
