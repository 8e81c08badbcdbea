package orders

import "net/http"

func (s *Service) Refund(w http.ResponseWriter, r *http.Request) {
	s.log.Printf("refund %s", r.URL.Query().Get("id"))
}
