package users

import (
	"errors"
	stdlog "log"

	"github.com/rs/zerolog/log"
)

func Find(userID int64) error {
	stdlog.Printf("user %d not found", userID) // want "log-unstructured"
	return errors.New("not found")
}

func Must(err error) {
	if err != nil {
		stdlog.Fatal(err)
	}
	log.Info().Msg("ok")
}
