package watch

import "github.com/fsnotify/fsnotify"

// Watcher keeps an fsnotify watcher in a field; its loop lives in another file.
type Watcher struct {
	fs    *fsnotify.Watcher
	limit int
}

func New() (*Watcher, error) {
	fs, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return &Watcher{fs: fs}, nil
}
