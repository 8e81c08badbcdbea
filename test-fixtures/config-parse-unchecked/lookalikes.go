package main

import (
	"log"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/viper"
)

var version = regexp.MustCompile(`^v(\d+)\.(\d+)$`)

// Startup may stop on a bad value: nothing is serving yet and the orchestrator reports the crash loop.
func main() {
	port, err := strconv.Atoi(os.Getenv("PORT"))
	if err != nil {
		log.Fatalf("PORT: %v", err)
	}
	timeout, err := time.ParseDuration(os.Getenv("TIMEOUT"))
	if err != nil {
		panic(err)
	}
	_ = port
	_ = timeout
}

// Digits already matched by a regular expression cannot fail to parse; this is not configuration.
func majorMinor(tag string) (int, int) {
	m := version.FindStringSubmatch(tag)
	if m == nil {
		return 0, 0
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major, minor
}

// Request input, not configuration: another concern than a silent config default.
func page(r *http.Request) int {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	return n
}

// A reload that checks the error and keeps the old value is the safe shape.
func watch() {
	viper.OnConfigChange(func(e fsnotify.Event) {
		ms, err := strconv.Atoi(viper.GetString("redis_timeout_ms"))
		if err != nil {
			log.Printf("ignoring bad redis_timeout_ms: %v", err)
			return
		}
		setRedisTimeout(ms)
	})
	viper.WatchConfig()
}

func setRedisTimeout(ms int) {}

type parser struct{}

func (parser) Atoi(s string) (int, error) { return 0, nil }

// A method that merely shares the name is not strconv.
func local(cfg parser) int {
	n, _ := cfg.Atoi(os.Getenv("N"))
	return n
}

// A literal is fixed at compile time: it parses or the author sees it fail on the first run.
func defaultConfig() time.Duration {
	wait, _ := time.ParseDuration("300ms")
	return wait
}
