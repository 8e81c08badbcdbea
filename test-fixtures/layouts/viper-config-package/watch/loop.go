package watch

import (
	"os"
	"strconv"
	"strings"
)

func (w *Watcher) Run() {
	for ev := range w.fs.Events { // want "config-reload-unvalidated"
		data, err := os.ReadFile(ev.Name)
		if err != nil {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil {
			continue
		}
		w.limit = n
	}
}
