package logging

import "go.uber.org/zap"

// Service holds the process's loggers; every domain package gets one.
type Service struct {
	Logger *zap.Logger
	Sugar  *zap.SugaredLogger
}
