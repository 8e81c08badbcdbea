package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
)

func index(ctx context.Context, id string) error { return nil }

// An echo handler's request context ends with the request too.
func Reindex(c echo.Context) error {
	go index(c.Request().Context(), c.Param("id")) // want "goroutine-ctx-cancelled"
	return c.NoContent(http.StatusAccepted)
}

// Detached before it is handed over: fine.
func ReindexDetached(c echo.Context) error {
	go index(context.WithoutCancel(c.Request().Context()), c.Param("id"))
	return c.NoContent(http.StatusAccepted)
}
