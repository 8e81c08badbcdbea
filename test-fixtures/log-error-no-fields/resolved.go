package checkout

import (
	"context"

	"github.com/sirupsen/logrus"
)

type Service struct {
	log logrus.FieldLogger
}

// A logrus FieldLogger held in a field is a logger, whatever its name.
func (s *Service) Pay(ctx context.Context, orderID string) {
	s.log.WithField("amount", 10).Error("pay failed") // want "log-error-no-fields"
}

type auditTrail struct{}

func (auditTrail) Error(msg string, args ...any) {}

func (s *Service) logger() logrus.FieldLogger { return s.log }

// Look-alikes: a type of our own with an Error method; a logger returned by a method whose fields we cannot read.
func (s *Service) Other(ctx context.Context, trail auditTrail, orderID int) {
	trail.Error("pay failed")
	s.logger().Error("pay failed")
}
