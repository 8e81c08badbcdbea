package orders

import "log"

// A format that is not a literal cannot be turned into fields: reported without a fix.
func Logf(format string, args ...any) {
	log.Printf(format, args...) // want "log-unstructured"
}
