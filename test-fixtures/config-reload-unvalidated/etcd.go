package config

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type Store struct {
	mu       sync.Mutex
	settings map[string]string
}

func (s *Store) Watch(ctx context.Context, cli *clientv3.Client) {
	wch := cli.Watch(ctx, "/config/app/", clientv3.WithPrefix())
	for resp := range wch { // want "config-reload-unvalidated"
		for _, ev := range resp.Events {
			s.mu.Lock()
			s.settings[string(ev.Kv.Key)] = string(ev.Kv.Value)
			s.mu.Unlock()
		}
	}
}

// Writes through a pointer the caller passed in: the caller's config changes.
func watchInto(ctx context.Context, cli *clientv3.Client, settings *map[string]string, limits *Limits) {
	for resp := range cli.Watch(ctx, "/config/limits") { // want "config-reload-unvalidated"
		for _, ev := range resp.Events {
			limits.Raw = string(ev.Kv.Value)
		}
	}
}

type Limits struct{ Raw string }
