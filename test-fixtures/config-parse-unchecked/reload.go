package main

import (
	"log"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
	clientv3 "go.etcd.io/etcd/client/v3"
)

var redisTimeout atomic.Int64

func watchFile(w *fsnotify.Watcher) {
	for {
		select {
		case ev := <-w.Events:
			data, err := os.ReadFile(ev.Name)
			if err != nil {
				continue
			}
			ms, err := strconv.Atoi(string(data)) // want "config-parse-unchecked"
			if err != nil {
				panic(err)
			}
			redisTimeout.Store(int64(ms))
		case err := <-w.Errors:
			log.Println("watch error:", err)
		}
	}
}

func watchEtcd(cli *clientv3.Client) {
	for resp := range cli.Watch(ctx, "/config/app/") {
		for _, ev := range resp.Events {
			if v, err := time.ParseDuration(string(ev.Kv.Value)); err != nil { // want "config-parse-unchecked"
				log.Fatalf("bad duration %q: %v", ev.Kv.Value, err)
			} else {
				apply(string(ev.Kv.Key), v)
			}
		}
	}
}

func apply(key string, d time.Duration) {}
