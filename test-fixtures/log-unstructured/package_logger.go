package logs

import (
	"log"
	"os"
)

// Three package loggers: three decisions, each reported once where it is declared, however often it is called.
var (
	Info = log.New(os.Stdout, "I ", log.LstdFlags) // want "log-unstructured"
	Warn *log.Logger                               // want "log-unstructured"
)

func Init() {
	Warn = log.New(os.Stderr, "W ", log.LstdFlags)
}

func Session(id string) {
	Info.Printf("session %s opened", id)
	Warn.Printf("session %s slow", id)
	Warn.Println("again")
	Info.Println("closed")
}

// A *log.Logger declared but never called writes nothing: silent.
var quiet = log.New(os.Stderr, "", 0)

func Quiet() *log.Logger { return quiet }

// The logger package's own set-up error, before its loggers exist: not a finding of its own.
func parseFlags(flags string) int {
	if flags == "" {
		log.Fatalln("Invalid log flags string: ", flags)
	}
	return log.LstdFlags
}
