// Package coupon redeems coupons, sometimes in large batches.
package coupon

import (
	"database/sql"
	"net/http"
)

// Service redeems coupons.
type Service struct {
	DB *sql.DB
}

func (s *Service) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	_, err := s.DB.ExecContext(req.Context(), "UPDATE coupons SET used = 1 WHERE batch = ?", req.FormValue("batch"))
	if err != nil {
		http.Error(w, "cannot redeem", http.StatusInternalServerError)
	}
}
