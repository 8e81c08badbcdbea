package chat

import "bufio"

// A line reader with the same method name is not a WebSocket connection.
type lineReader struct {
	r *bufio.Reader
}

func (l *lineReader) ReadMessage() (int, []byte, error) {
	line, err := l.r.ReadBytes('\n')
	return 0, line, err
}

func relayLines(l *lineReader, out chan<- []byte) {
	for {
		_, line, err := l.ReadMessage()
		if err != nil {
			return
		}
		out <- line
	}
}
