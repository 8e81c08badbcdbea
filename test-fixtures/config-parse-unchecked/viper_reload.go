package config

import (
	"strconv"

	"github.com/fsnotify/fsnotify"
	"github.com/rs/zerolog/log"
	"github.com/spf13/viper"
)

type Service struct {
	limit int
}

func (s *Service) Watch() {
	viper.OnConfigChange(s.onChange)
	viper.OnConfigChange(func(e fsnotify.Event) {
		s.reloadLimits()
	})
	viper.WatchConfig()
}

func (s *Service) onChange(e fsnotify.Event) {}

// Called from the OnConfigChange callback, so it runs on every reload.
func (s *Service) reloadLimits() {
	limit, err := strconv.Atoi(viper.GetString("rate_limit")) // want "config-parse-unchecked"
	if err != nil {
		log.Fatal().Err(err).Msg("bad rate_limit")
	}
	s.limit = limit
}
