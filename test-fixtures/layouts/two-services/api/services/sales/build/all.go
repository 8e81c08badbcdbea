package build

import (
	"net/http"

	"example.com/svc/app/domain/tranapp"
	"example.com/svc/app/sdk/mux"
)

type Routes struct{}

func (Routes) Add(m *http.ServeMux, cfg mux.Config) { tranapp.Routes(m, cfg.DB) }
