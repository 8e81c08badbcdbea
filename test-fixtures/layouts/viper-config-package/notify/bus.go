// Package notify has an Events channel and an OnConfigChange of its own: neither is a config watcher.
package notify

type Bus struct {
	Events chan string
	last   string
}

func (b *Bus) OnConfigChange(f func(string)) { f(b.last) }

func (b *Bus) Run() {
	for e := range b.Events {
		b.last = e
	}
	b.OnConfigChange(func(s string) { b.last = s })
}
