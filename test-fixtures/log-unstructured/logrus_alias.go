package orders

import log "github.com/sirupsen/logrus"

// log is logrus under an alias: its Printf and Fatal are not the standard library's.
func Retry(attempt int) {
	log.Printf("retry %d", attempt)
	if attempt > 3 {
		log.Fatal("giving up")
	}
}
