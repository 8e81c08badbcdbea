package reload

import (
	"os"
	"time"
)

// A reload per SIGHUP (listmonk's shape): signals come one at a time from an operator, not as a backlog of work.
func awaitReload(sigChan chan os.Signal, closerWait chan bool, closer func(), respawn func()) {
	go func() {
		for range sigChan {
			go closer()
			select {
			case <-closerWait:
				respawn()
			case <-time.After(3 * time.Second):
				respawn()
			}
		}
	}()
}

// The same through a select case.
func watch(sigs <-chan os.Signal, dump func(os.Signal)) {
	for {
		select {
		case s := <-sigs:
			go dump(s)
		}
	}
}
