package catalog

import (
	web "net/http"
)

type Client = web.Client

// Through an alias of the type and of the import, and built with new.
var aliased = &Client{} // want "http-client-no-timeout"

var allocated = new(web.Client) // want "http-client-no-timeout"
