package service

import "time"

func startFlusher() {
	go flushForever()
}

func flushForever() {
	for range time.Tick(time.Second) {
		records <- "flush"
	}
}
