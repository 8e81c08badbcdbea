package web

import (
	"log/slog"
	"net/http"
)

type session struct{ ID string }

type store interface{ Update(s *session) error }

// A web session's id ties the line to the user's session: an identifying field by default.
func persist(w http.ResponseWriter, r *http.Request, st store, s *session) {
	if err := st.Update(s); err != nil {
		slog.Error("Unable to persist web session changes", slog.String("session_id", s.ID), slog.Any("error", err))
	}
}

// Without it, the same line names no one.
func persistAnonymous(w http.ResponseWriter, r *http.Request, st store, s *session) {
	if err := st.Update(s); err != nil {
		slog.Error("Unable to persist web session changes", slog.Any("error", err)) // want "log-error-no-fields"
	}
}
