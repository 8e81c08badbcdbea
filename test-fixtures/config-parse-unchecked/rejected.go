// Package settings serves the admin API for service settings.
package settings

import (
	"net/http"
	"os"
	sc "strconv"

	"github.com/gin-gonic/gin"
)

// Request input is not configuration, even in a package named for settings.
func UpdateLimit(w http.ResponseWriter, r *http.Request) {
	limit, _ := sc.Atoi(r.FormValue("limit"))
	apply(limit)
}

func Page(c *gin.Context) {
	raw := c.Query("page")
	page, _ := sc.Atoi(raw)
	apply(page)
}

// The zero a bad value becomes is rejected on the spot: nothing slips through silently.
func Workers() int {
	if n, _ := sc.Atoi(os.Getenv("WORKERS")); n > 0 {
		return n
	}
	return 4
}

func Retries() int {
	n, _ := sc.Atoi(os.Getenv("RETRIES"))
	if n <= 0 {
		n = 3
	}
	return n
}

// Through an alias of strconv, unchecked and used as is.
func Shards() int {
	n, _ := sc.Atoi(os.Getenv("SHARDS")) // want "config-parse-unchecked"
	return n
}

func apply(int) {}
