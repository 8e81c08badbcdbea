package main

import "log"

func main() {
	log.Println("starting orders") // want "log-unstructured"
}
