// Package hub dispatches a chat hub's queues from one select loop (tinode's shape).
package hub

type Session struct{}

type Msg struct {
	sess *Session
	Get  *string
}

type userStatus struct{ forUser string }

type join struct{ topic string }

type Hub struct {
	route      chan *Msg
	join       chan *join
	meta       chan *Msg
	userStatus chan userStatus
	shutdown   chan chan bool
}

func reply(s *Session, m *Msg) {}

func (h *Hub) stateFor(u string) {}

func (h *Hub) register(j *join) {}

func (h *Hub) forward(m *Msg) {}

// The first cases are handled in line; the next two start a goroutine per message of their own queue: one
// finding for the loop, at the first start, with the second related. The reply on shutdown is in another
// case: it paces nothing.
func (h *Hub) run() {
	for {
		select {
		case msg := <-h.route:
			h.forward(msg)
		case j := <-h.join:
			h.register(j)
		case msg := <-h.meta:
			if msg.Get != nil {
				go reply(msg.sess, msg) // want "goroutine-unbounded"
			}
		case status := <-h.userStatus:
			go h.stateFor(status.forUser) // related: the same loop, one finding
		case done := <-h.shutdown:
			done <- true
			return
		}
	}
}

// A send in the same case as the goroutine waits for the consumer before the next message is read: paced.
func (h *Hub) paced(results chan<- bool) {
	for {
		select {
		case msg := <-h.meta:
			go reply(msg.sess, msg)
			results <- true
		case done := <-h.shutdown:
			done <- true
			return
		}
	}
}
