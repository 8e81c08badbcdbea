/** The small judgements several trap families share: contexts in scope, Go versions, test harnesses, addresses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/engine/config';
import { goSupports } from '../../server/src/engine/go-version';
import { contextInScope } from '../../server/src/go/syntax';
import { defaultPackageName, SourceFile } from '../../server/src/go/source';
import { parseGo } from '../../server/src/go/parser';
import { isPrivateAddress } from '../../server/src/traps/config/service-address';
import { isTestHarness } from '../../server/src/traps/test-harness';
import { timeoutInScope } from '../../server/src/traps/remote/timeout-in-scope';
import { typedSources } from '../support/types';

const IN_MODULE = { path: '', modulePath: 'example.com/shop', packageDir: '', domain: '', goVersion: '1.21' };

describe('contextInScope', () => {
  it('finds a context by the resolved type of a parameter: aliases and embedding in, look-alikes out', async () => {
    const t = await typedSources({
      'reqctx/ctx.go': 'package reqctx\n\nimport "context"\n\ntype Ctx = context.Context\n\ntype Request struct{}\n',
      'api/a.go': [
        'package api',
        '',
        'import (',
        '\tstd "context"',
        '\tweb "net/http"',
        '',
        '\t"example.com/shop/reqctx"',
        ')',
        '',
        'type Scoped interface {',
        '\tstd.Context',
        '\tUser() string',
        '}',
        '',
        'func a(c reqctx.Ctx) { mark(1) }',
        'func b(w web.ResponseWriter, r *web.Request) { func() { mark(2) }() }',
        'func c(s Scoped) { mark(3) }',
        'func d(r *reqctx.Request) { mark(4) }',
        'func e(r web.Request) { mark(5) }',
        'func f(_ std.Context, r *web.Request) { mark(6) }',
        'func mark(int) {}',
        '',
      ].join('\n'),
    });
    try {
      const r = t.resolver('api/a.go');
      const at = (n: number) => contextInScope(r, t.node('api/a.go', `mark(${n})`));
      assert.equal(at(1)?.expression, 'c');
      assert.deepEqual([at(2)?.expression, at(2)?.kind], ['r.Context()', 'http-request']);
      assert.equal(at(3)?.expression, 's');
      assert.equal(at(4), null, 'a Request of another package is not net/http’s');
      assert.equal(at(5), null, 'a Request value is not a *http.Request');
      assert.equal(at(6)?.expression, 'r.Context()', 'an unnamed context cannot be used; the request can');
    } finally {
      t.dispose();
    }
  });
});

describe('timeoutInScope', () => {
  it('takes a timeout parameter or config field, never another kind of duration', async () => {
    const t = await typedSources({
      'svc/a.go': [
        'package svc',
        '',
        'import "time"',
        '',
        'type Config struct {',
        '\tReadTimeout time.Duration',
        '\tHTTPTimeout time.Duration',
        '}',
        '',
        'type S struct{ cfg *Config }',
        '',
        'func a(base string, timeout time.Duration) { mark(1) }',
        'func b(interval time.Duration, readTimeout time.Duration) { mark(2) }',
        'func (s *S) c() { mark(3) }',
        'func d(cfg Config, callTimeout time.Duration) { mark(4) }',
        'func mark(int) {}',
        '',
      ].join('\n'),
    });
    try {
      const r = t.resolver('svc/a.go');
      const at = (n: number) => timeoutInScope(r, t.node('svc/a.go', `mark(${n})`));
      assert.deepEqual([at(1), at(2), at(3), at(4)], ['timeout', null, 's.cfg.HTTPTimeout', 'cfg.HTTPTimeout']);
    } finally {
      t.dispose();
    }
  });
});

describe('goSupports', () => {
  it('compares the go line with what a fix needs; an unknown version lets the fix through', () => {
    assert.equal(goSupports({ goVersion: '1.19' }, '1.21'), false);
    assert.equal(goSupports({ goVersion: '1.21' }, '1.21'), true);
    assert.equal(goSupports({ goVersion: '1.21.3' }, '1.21'), true);
    assert.equal(goSupports({ goVersion: '1.22rc1' }, '1.21'), true);
    assert.equal(goSupports({ goVersion: '1.9' }, '1.21'), false);
    assert.equal(goSupports({ goVersion: '' }, '1.21'), true);
  });
});

describe('isTestHarness', () => {
  async function harness(path: string, text: string, location = IN_MODULE): Promise<boolean> {
    const tree = await parseGo(text);
    try {
      return isTestHarness(new SourceFile(path, text, tree), { ...location, path, packageDir: path.split('/').slice(0, -1).join('/') }, defaultSettings());
    } finally {
      tree.delete();
    }
  }

  it('knows test files, test-support packages and folders', async () => {
    assert.equal(await harness('store/store_test.go', 'package store\n'), true);
    assert.equal(await harness('internal/testenv/env.go', 'package testenv\n'), true);
    assert.equal(await harness('store/dbtest/db.go', 'package dbtest\n'), true);
    assert.equal(await harness('internal/fixtures/testdata/x.go', 'package x\n'), true);
    assert.equal(await harness('mocks/store.go', 'package mocks\n'), true);
  });

  it('leaves production packages alone, whatever the path outside the module says', async () => {
    assert.equal(await harness('store/store.go', 'package store\n'), false);
    assert.equal(await harness('release/latest.go', 'package latest\n'), false);
    assert.equal(await harness('/home/me/test/shop/store.go', 'package store\n', { ...IN_MODULE, modulePath: '' }), false);
  });
});

describe('addresses and import names', () => {
  it('tells private addresses from public ones', () => {
    for (const host of ['10.0.0.5', '172.16.3.4', '172.31.255.1', '192.168.1.20', '100.64.0.1', 'fd12:3456::1']) assert.equal(isPrivateAddress(host), true, host);
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'redis', 'cache.prod.internal']) assert.equal(isPrivateAddress(host), false, host);
  });

  it('names imports the way goimports assumes', () => {
    assert.equal(defaultPackageName('github.com/segmentio/kafka-go'), 'kafka');
    assert.equal(defaultPackageName('github.com/nats-io/nats.go'), 'nats');
    assert.equal(defaultPackageName('gopkg.in/yaml.v3'), 'yaml');
    assert.equal(defaultPackageName('github.com/go-redis/redis/v9'), 'redis');
    assert.equal(defaultPackageName('github.com/mattn/go-sqlite3'), 'sqlite3');
    assert.equal(defaultPackageName('github.com/rabbitmq/amqp091-go'), 'amqp091');
  });
});
