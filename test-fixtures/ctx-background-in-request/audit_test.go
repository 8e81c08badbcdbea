package audit

import (
	"context"
	"testing"
)

func TestQuery(t *testing.T) {
	var l Log
	run := func(ctx context.Context) { _, _ = l.Query(context.Background(), "SELECT 1") }
	run(context.TODO())
}
