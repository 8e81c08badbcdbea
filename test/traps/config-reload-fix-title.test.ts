/** The fix of config-reload-unvalidated promises a validation only when it inserts one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';

const source = (validator: string) => `package config

import (
	"errors"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/viper"
)

type Config struct{ RedisTimeoutMs int }
${validator}
var cfg Config

func Watch() {
	viper.OnConfigChange(func(e fsnotify.Event) {
		var next Config
		if err := viper.Unmarshal(&next); err != nil {
			return
		}
		cfg = next
	})
	viper.WatchConfig()
}

var errBad = errors.New("bad")
`;

async function fixes(text: string): Promise<{ title: string; inserted: string }[]> {
  const result = await analyzeSources([{ path: 'config/config.go', text }], defaultSettings());
  return result.findings
    .filter((f) => f.ruleId === 'config-reload-unvalidated')
    .flatMap((f) => f.fixes.map((x) => ({ title: x.title, inserted: x.edits.map((e) => e.newText).join('') })));
}

describe('config-reload-unvalidated: fix titles', () => {
  it('says "validate" when it inserts a Validate call', async () => {
    const [fix] = await fixes(source('\nfunc (c Config) Validate() error { return nil }\n'));
    assert.match(fix.title, /^Validate before the swap/);
    assert.match(fix.inserted, /next\.Validate\(\)/);
  });

  it('says only "recover" when the type has no Validate method', async () => {
    const [fix] = await fixes(source(''));
    assert.match(fix.title, /^Recover from a panic in the reload \(no Validate method found/);
    assert.doesNotMatch(fix.inserted, /Validate\(\)/);
  });
});
