package netlog

import (
	"log"
	"net"
)

type conn struct {
	net.Conn
	name string
}

func (c *conn) Write(p []byte) (n int, err error) {
	n, err = c.Conn.Write(p)
	log.Printf("%s.Write(%d) = %d, %v", c.name, len(p), n, err) // want "log-unstructured"
	return
}
