// Package peer holds the shapes go vet's lostcancel expects, written for this rule: each must be caught or left alone as vet does.
package peer

import (
	"context"
	"log"
	"os"
	"time"
)

var root = context.Background()
var flag bool
var mode int

func unusedOnSomePaths() {
	var _, stop = context.WithCancel(root) // want "ctx-cancel-lost"
	if flag {
		_ = stop
	}
}

func discarded() {
	c, _ := context.WithCancel(root)              // want "ctx-cancel-lost"
	c, _ = context.WithTimeout(root, time.Second) // want "ctx-cancel-lost"
	c, _ = context.WithDeadline(root, time.Now()) // want "ctx-cancel-lost"
	_ = c
}

func deferred() {
	_, stop := context.WithCancel(root)
	defer stop()
}

func branchOnly() {
	_, stop := context.WithCancel(root) // want "ctx-cancel-lost"
	if flag {
		stop()
	}
	return
}

func elseLoopsForever() {
	_, stop := context.WithCancel(root)
	if flag {
		stop()
	} else {
		for {
			println(1)
		}
	}
}

func elseBoundedLoop() {
	_, stop := context.WithCancel(root) // want "ctx-cancel-lost"
	if flag {
		stop()
	} else {
		for i := 0; i < 3; i++ {
			println(i)
		}
	}
}

func switchAllPaths() {
	_, stop := context.WithCancel(root)
	switch mode {
	case 1:
		log.Fatal("x")
	case 2:
		stop()
	default:
		os.Exit(1)
	}
}

func switchLeak() {
	_, stop := context.WithCancel(root) // want "ctx-cancel-lost"
	switch mode {
	case 1:
		log.Fatal("x")
	case 2:
		stop()
	case 3:
		println("leaks")
	default:
		os.Exit(1)
	}
}

func selectLeak(ch chan int) {
	_, stop := context.WithCancel(root) // want "ctx-cancel-lost"
	select {
	case <-ch:
		println("leaks")
	case ch <- 1:
		stop()
	}
}

func inGoroutine() {
	go func() {
		c, stop := context.WithCancel(root) // want "ctx-cancel-lost"
		if flag {
			_ = stop
		}
		println(c)
	}()
}

func namedResults() (c context.Context, stop func()) {
	c, stop = context.WithCancel(root)
	return
}

func assignedInClosure() {
	var stop func()
	func() {
		_, stop = context.WithCancel(root)
	}()
	stop()
}
