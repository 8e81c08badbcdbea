package orders

import (
	"log"

	"github.com/rs/zerolog"
)

// A parameter named log is a zerolog logger here: its Printf is structured underneath and not ours to judge.
func Ship(log zerolog.Logger, orderID string) {
	log.Printf("shipping %s", orderID)
}

// Setting up the standard logger is not logging a line.
func Setup() *log.Logger {
	log.SetFlags(log.LstdFlags | log.Lshortfile)
	return log.New(nil, "orders ", 0)
}
