package config

import "errors"

// Validate lives in another file of the config package; the reload fix finds it through the type.
func (s *Settings) Validate() error {
	if s.Port <= 0 || s.RateLimit < 0 {
		return errors.New("invalid settings")
	}
	return nil
}
