package ui

// Not fsnotify: a UI event bus with an Events channel, in a file that imports no watcher library.
type Bus struct {
	Events chan string
}

var last string

func (b *Bus) Run() {
	for ev := range b.Events {
		last = ev
	}
}
