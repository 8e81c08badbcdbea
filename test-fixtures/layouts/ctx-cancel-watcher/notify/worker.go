package notify

import "context"

var delivered = make(chan string, 64)

// watch exists to react to the cancel: it returns when ctx is done.
func watch(ctx context.Context, id string) {
	<-ctx.Done()
	delivered <- id + ": cancelled"
}

// deliver does not look at ctx's end: cancelling it cuts the delivery off.
func deliver(ctx context.Context, id string) {
	if ctx.Value(struct{}{}) == nil {
		delivered <- id
	}
}
