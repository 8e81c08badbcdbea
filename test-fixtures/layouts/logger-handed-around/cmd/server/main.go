package main

import (
	"log"
	"net/http"
	"os"

	"example.com/shop/internal/billing"
	"example.com/shop/internal/orders"
)

// One logger made in main and handed to every service: one decision, one finding (on the first field that
// holds it, by path: internal/billing), whatever the fields and parameters are called.
func main() {
	lo := log.New(os.Stderr, "", log.LstdFlags)
	o := orders.New(lo)
	b := billing.New(lo)
	http.Handle("/orders", o)
	http.Handle("/billing", b)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
