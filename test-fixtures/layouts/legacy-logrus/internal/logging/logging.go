package logging

import "github.com/sirupsen/logrus"

// Setup configures the module's structured logger: log/slog is not there before Go 1.21, logrus is.
func Setup() {
	logrus.SetFormatter(&logrus.JSONFormatter{})
}
