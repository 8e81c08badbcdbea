package audit

import (
	"log"
	"os"
)

// Trail is made here, and this file reports its own set-up error on the standard logger before Trail exists:
// that call is not a finding of its own; Trail is.
var Trail *log.Logger // want "log-unstructured"

func Init(path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatalln("cannot open the audit trail: ", err)
	}
	Trail = log.New(f, "audit ", log.LstdFlags)
}
