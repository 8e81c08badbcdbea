package audit

import (
	"log"
	"net/http"
)

// Serving code of the same package: its own log.Printf is the package's decision, reported here.
func Handle(w http.ResponseWriter, r *http.Request) {
	log.Printf("audit %s", r.URL.Path) // want "log-unstructured"
	Trail.Printf("seen %s", r.URL.Path)
}
