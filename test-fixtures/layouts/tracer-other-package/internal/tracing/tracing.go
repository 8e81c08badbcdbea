package tracing

import (
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Tracer is the process's tracer, declared once for every package.
var Tracer = otel.Tracer("shop")

// Provider hands out tracers from the SDK.
type Provider struct {
	SDK *sdktrace.TracerProvider
}

func (p *Provider) For(name string) trace.Tracer {
	return p.SDK.Tracer(name)
}
