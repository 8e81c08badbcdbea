package orders

import "github.com/rs/zerolog/log"

// log here is zerolog's global logger, which also has Print and Printf.
func Cancel(orderID string) {
	log.Printf("cancel %s", orderID)
	log.Print("cancelled")
}
