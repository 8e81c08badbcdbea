package build

import (
	"net/http"

	"example.com/svc/app/domain/userapp"
	"example.com/svc/app/sdk/mux"
)

type Routes struct{}

func (Routes) Add(m *http.ServeMux, cfg mux.Config) { userapp.Routes(m, cfg.DB) }
