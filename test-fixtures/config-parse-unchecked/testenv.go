// Package testenv helps tests find out about their environment, like Go's internal/testenv.
package testenv

import (
	"os"
	"strconv"
)

func Flaky() bool {
	v, _ := strconv.ParseBool(os.Getenv("GO_BUILDER_FLAKY"))
	return v
}
