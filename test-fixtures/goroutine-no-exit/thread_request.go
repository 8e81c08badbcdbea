package ingest

import (
	"log"
	"net/http"
	"time"
)

// The handler's request carries the only context in reach; the fix passes it to the pump.
func Handle(w http.ResponseWriter, r *http.Request) {
	go pump()
	w.WriteHeader(http.StatusAccepted)
}

func pump() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C { // want "goroutine-no-exit"
		log.Println("pump")
	}
}

// An exported function may have callers elsewhere: no parameter is added, so no fix.
func Serve(w http.ResponseWriter, r *http.Request) {
	go Spin()
}

func Spin() {
	for { // want "goroutine-no-exit"
		time.Sleep(time.Second)
	}
}
