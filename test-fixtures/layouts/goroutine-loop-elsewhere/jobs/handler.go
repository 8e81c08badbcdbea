package jobs

import "net/http"

// Track starts a poller, declared in tracker.go, for every request: the request's context can stop it.
func Track(w http.ResponseWriter, r *http.Request) {
	t := &tracker{id: r.FormValue("id")}
	go t.poll()
	w.WriteHeader(http.StatusAccepted)
}
