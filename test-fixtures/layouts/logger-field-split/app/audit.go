package app

import "fmt"

// auditLog has Printf but writes to an audit trail, not the standard logger: a field named like a logger is
// not one.
type auditLog struct{ lines []string }

func (l *auditLog) Printf(format string, args ...any) {
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// Reporter has an Error method with a logger's shape.
type Reporter struct{}

func (Reporter) Error(msg string, args ...any) {}

// log here is a parameter that shadows nothing imported: a *Reporter, whose Printf does not exist.
func Shadow(log Reporter) {
	log.Error("shadow")
}
