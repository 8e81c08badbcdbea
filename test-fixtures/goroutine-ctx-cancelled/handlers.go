package api

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func record(r *http.Request, event string) {
	log.Println(r.Context().Err(), event)
}

func sendReceipt(ctx interface{ Done() <-chan struct{} }, to string) {}

// The request's context ends with the handler; the receipt goroutine dies with it.
func Checkout(w http.ResponseWriter, r *http.Request) {
	go sendReceipt(r.Context(), r.FormValue("email")) // want "goroutine-ctx-cancelled"
	w.WriteHeader(http.StatusAccepted)
}

// A variable holding the request's context, captured by a closure.
func Signup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := r.FormValue("email")
	go func() { // want "goroutine-ctx-cancelled"
		sendReceipt(ctx, email)
	}()
	w.WriteHeader(http.StatusCreated)
}

// A closure calling r.Context() itself.
func Unsubscribe(w http.ResponseWriter, r *http.Request) {
	go func(email string) { // want "goroutine-ctx-cancelled"
		sendReceipt(r.Context(), email)
	}(r.FormValue("email"))
}

// gin recycles its context: capturing c in a goroutine reads another request's data.
func Track(c *gin.Context) {
	go func() { // want "goroutine-ctx-cancelled"
		log.Println(c.Param("id"))
	}()
	c.Status(http.StatusNoContent)
}
