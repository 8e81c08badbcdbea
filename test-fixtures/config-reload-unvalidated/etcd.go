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
