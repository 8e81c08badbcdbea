package app

// Handle logs through the *log.Logger declared in app.go (reported there, once): unstructured, and this module's Go (1.19) has no
// log/slog and the module imports no structured logger, so there is nothing to convert to.
func (a *App) Handle(orderID string) {
	a.log.Printf("handling order %s", orderID)
	a.audit.Printf("handled %s", orderID)
}

// Report is a look-alike: Error here is a method of the module's own type, not a logger's.
func (a *App) Report(r Reporter, err error) {
	r.Error("report failed", "err", err)
}
