package main

import (
	"crypto/rand"
	"encoding/base64"
	"log"
	"os"
)

// A command-line tool (a package main that serves nothing): its lines go to the person who ran it.
func generate() int {
	salt := make([]byte, 32)
	if _, err := rand.Read(salt); err != nil {
		log.Println("Error: Failed to generate HMAC salt", err)
		return 1
	}
	os.Stdout.WriteString(base64.StdEncoding.EncodeToString(salt) + "\n")
	return 0
}

func main() { os.Exit(generate()) }
