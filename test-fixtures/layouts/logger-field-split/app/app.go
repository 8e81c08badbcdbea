package app

import (
	"io"
	"log"
)

// App keeps its logger in a field; the methods that log live in other files.
type App struct {
	log   *log.Logger // want "log-unstructured"
	audit auditLog
}

func New(out io.Writer) *App {
	return &App{log: log.New(out, "app ", log.LstdFlags)}
}
