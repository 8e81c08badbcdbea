// Package reqctx names the request context the service passes around.
package reqctx

import "context"

type Ctx = context.Context
