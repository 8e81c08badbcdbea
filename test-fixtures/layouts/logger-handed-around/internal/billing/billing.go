package billing

import (
	"log"
	"net/http"
)

type Billing struct {
	lo *log.Logger // want "log-unstructured"
}

func New(lo *log.Logger) *Billing { return &Billing{lo: lo} }

func (b *Billing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.lo.Printf("invoice %s", r.URL.Query().Get("id"))
}
