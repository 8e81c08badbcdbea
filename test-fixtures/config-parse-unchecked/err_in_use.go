package config

import (
	"errors"
	"os"
	"strconv"
)

type Pool struct{ Size int }

func loadPool() (Pool, error) {
	size, _ := strconv.Atoi(os.Getenv("POOL_SIZE")) // want "config-parse-unchecked"
	err := check(size)
	return Pool{Size: size}, err
}

func check(n int) error {
	if n < 0 {
		return errors.New("negative pool size")
	}
	return nil
}
