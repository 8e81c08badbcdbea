package orders

import (
	"log"
	"net/http"
)

type Service struct {
	log *log.Logger
}

func New(lo *log.Logger) *Service {
	lo.Println("orders ready")
	return &Service{log: lo}
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.log.Printf("order %s", r.URL.Query().Get("id"))
	s.log.Println("done")
}
