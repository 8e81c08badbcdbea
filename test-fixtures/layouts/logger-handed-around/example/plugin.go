package example

import "log"

// An example plugin: a harness, not the service.
type EchoPlugin struct{}

func (c *EchoPlugin) Enable() error {
	log.Println("echo plugin enabled")
	return nil
}
