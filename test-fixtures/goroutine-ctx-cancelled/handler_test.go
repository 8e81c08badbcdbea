package jobs

import (
	"context"
	"testing"
	"time"
)

// Tests cancel on purpose to see what their goroutines do.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	go fetch(ctx, 1)
}
