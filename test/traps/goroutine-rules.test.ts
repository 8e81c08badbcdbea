/**
 * What the goroutine fixtures cannot state with `// want`: severities by how often a goroutine starts, which
 * message each input gets, when a fix is withheld (another mention of the function, an older Go), and joins
 * of connections across packages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { defaultSettings, Settings } from '../../server/src/engine/config';
import type { GoModule } from '../../server/src/engine/domains';
import type { Finding } from '../../server/src/engine/types';
import { FIXTURES_DIR } from '../support/repo';

const SHOP: GoModule[] = [{ root: '', path: 'example.com/shop', goVersion: '1.21' }];

async function findings(sources: Record<string, string>, ruleId: string, settings: Settings = defaultSettings(), modules = SHOP): Promise<Finding[]> {
  const result = await analyzeSources(Object.entries(sources).map(([p, text]) => ({ path: p, text })), settings, modules);
  assert.deepEqual(result.problems, []);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

function fixture(rule: string, name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, rule, name), 'utf8');
}

function byLine(list: Finding[], pick: (f: Finding) => string): Record<number, string> {
  return Object.fromEntries(list.map((f) => [f.range.start.line + 1, pick(f)]));
}

describe('goroutine-no-exit severity', () => {
  const roles = { 'roles.go': fixture('goroutine-no-exit', 'roles.go') };

  it('warns for per-request, per-connection and accept-loop starts, informs for a start-up loop', async () => {
    const found = await findings(roles, 'goroutine-no-exit');
    assert.deepEqual(byLine(found, (f) => `${f.severity} ${f.messageId}`), {
      18: 'warning noExit',
      35: 'warning noExit',
      55: 'warning noExit',
      74: 'info noExitStartup',
    });
  });

  it('keeps the start-up finding below the configured level, and a hint a hint', async () => {
    const error = defaultSettings();
    error.rules['goroutine-no-exit'] = 'error';
    assert.deepEqual(Object.values(byLine(await findings(roles, 'goroutine-no-exit', error), (f) => f.severity)), ['error', 'error', 'error', 'info']);
    const hint = defaultSettings();
    hint.rules['goroutine-no-exit'] = 'hint';
    assert.deepEqual(Object.values(byLine(await findings(roles, 'goroutine-no-exit', hint), (f) => f.severity)), ['hint', 'hint', 'hint', 'hint']);
  });
});

describe('goroutine-no-exit fix across files', () => {
  const handler = 'package jobs\n\nimport "net/http"\n\nfunc Track(w http.ResponseWriter, r *http.Request) {\n\tt := &tracker{}\n\tgo t.poll()\n}\n';
  const tracker = 'package jobs\n\nimport "time"\n\ntype tracker struct{ seen int }\n\n// poll is documented: a comment naming it is no caller.\nfunc (t *tracker) poll() {\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t\tt.seen++\n\t}\n}\n';

  it('threads the caller\'s context through both files when the go statement is the only mention', async () => {
    const [finding] = await findings({ 'jobs/handler.go': handler, 'jobs/tracker.go': tracker }, 'goroutine-no-exit');
    assert.equal(finding.path, 'jobs/tracker.go');
    assert.deepEqual([...new Set(finding.fixes[0]?.edits.map((e) => e.path))].sort(), ['jobs/handler.go', 'jobs/tracker.go']);
    assert.ok(finding.fixes[0].edits.some((e) => e.newText === 'r.Context()'));
    assert.equal(finding.fixes[0].safe, false);
  });

  it('withholds it when another file of the package (a test too) names the function', async () => {
    const other = 'package jobs\n\nfunc again(t *tracker) { t.poll() }\n';
    const test = 'package jobs\n\nimport "testing"\n\nfunc TestPoll(t *testing.T) { go (&tracker{}).poll() }\n';
    const extras: Record<string, string>[] = [{ 'jobs/again.go': other }, { 'jobs/poll_test.go': test }];
    for (const extra of extras) {
      const [finding] = await findings({ 'jobs/handler.go': handler, 'jobs/tracker.go': tracker, ...extra }, 'goroutine-no-exit');
      assert.ok(finding, 'still reported');
      assert.deepEqual(finding.fixes, []);
    }
  });
});

describe('goroutine-ctx-cancelled and the module\'s Go', () => {
  const source = 'package orders\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc notify(ctx context.Context) {}\n\nfunc Place(parent context.Context) {\n\tctx, cancel := context.WithTimeout(parent, time.Second)\n\tdefer cancel()\n\tgo notify(ctx)\n}\n';

  it('offers context.WithoutCancel from Go 1.21 on, and reports without a fix below it', async () => {
    const modern = await findings({ 'orders/place.go': source }, 'goroutine-ctx-cancelled');
    assert.equal(modern.length, 1);
    assert.match(modern[0].fixes[0]?.edits.map((e) => e.newText).join(' ') ?? '', /WithoutCancel/);
    const old = await findings({ 'orders/place.go': source }, 'goroutine-ctx-cancelled', defaultSettings(), [{ root: '', path: 'example.com/shop', goVersion: '1.20' }]);
    assert.equal(old.length, 1);
    assert.deepEqual(old[0].fixes, []);
  });

  it('offers none in a file that calls golang.org/x/net/context "context"', async () => {
    const xnet = source.replace('"context"', '"golang.org/x/net/context"');
    const [finding] = await findings({ 'orders/place.go': xnet }, 'goroutine-ctx-cancelled');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });

  it('follows the started function into another file: one that watches ctx.Done() is left alone', async () => {
    const start = 'package orders\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Place(parent context.Context) {\n\tctx, cancel := context.WithTimeout(parent, time.Second)\n\tdefer cancel()\n\tgo watch(ctx)\n\tgo audit(ctx)\n}\n';
    const workers = 'package orders\n\nimport "context"\n\nfunc watch(ctx context.Context) { <-ctx.Done() }\n\nfunc audit(ctx context.Context) { _ = ctx.Value(1) }\n';
    const found = await findings({ 'orders/place.go': start, 'orders/workers.go': workers }, 'goroutine-ctx-cancelled');
    assert.deepEqual(found.map((f) => `${f.path}:${f.range.start.line + 1}`), ['orders/place.go:12']);
  });
});

describe('goroutine-unbounded messages', () => {
  it('names the input: items, a list the request decides, messages of a stream', async () => {
    const found = await findings({ 'api/request.go': fixture('goroutine-unbounded', 'request.go'), 'consumer/consume.go': fixture('goroutine-unbounded', 'consume.go') }, 'goroutine-unbounded');
    const ids = found.map((f) => `${f.path}:${f.range.start.line + 1} ${f.messageId}`);
    assert.deepEqual(ids, [
      'api/request.go:31 unboundedRequest',
      'api/request.go:42 unboundedRequest',
      'api/request.go:53 unboundedRequest',
      'api/request.go:70 unboundedRequest',
      'api/request.go:83 unbounded',
      'consumer/consume.go:23 unboundedMessages',
      'consumer/consume.go:32 unboundedMessages',
      'consumer/consume.go:43 unboundedMessages',
      'consumer/consume.go:56 unboundedMessages',
      'consumer/consume.go:68 unboundedMessages',
    ]);
  });

  it('names the queue of the select case that starts the goroutine, though every case binds `msg`; one finding per loop', async () => {
    const found = await findings({ 'hub/hub.go': fixture('goroutine-unbounded', 'hub.go') }, 'goroutine-unbounded');
    assert.deepEqual(
      found.map((f) => `${f.range.start.line + 1} ${/read by (\S+),/.exec(f.message)?.[1]} ${f.related.map((r) => r.range.start.line + 1)}`),
      ['43 <-h.meta 35,46'],
    );
  });
});

describe('ws-read-no-deadline across packages', () => {
  const reader = 'package chat\n\nimport (\n\t"github.com/gorilla/websocket"\n\n\t"example.com/shop/wsutil"\n)\n\nfunc pump(conn *websocket.Conn) {\n\twsutil.Configure(conn)\n\tfor {\n\t\tif _, _, err := conn.ReadMessage(); err != nil {\n\t\t\treturn\n\t\t}\n\t}\n}\n';
  const helper = (body: string) => `package wsutil\n\nimport (\n\t"time"\n\n\t"github.com/gorilla/websocket"\n)\n\nfunc Configure(c *websocket.Conn) {\n${body}}\n\nvar _ = time.Second\n`;

  it('counts a deadline a helper of another package sets on the connection it is handed', async () => {
    const covered = await findings({ 'chat/pump.go': reader, 'wsutil/conn.go': helper('\t_ = c.SetReadDeadline(time.Now().Add(time.Minute))\n') }, 'ws-read-no-deadline');
    assert.deepEqual(covered, []);
    const uncovered = await findings({ 'chat/pump.go': reader, 'wsutil/conn.go': helper('\tc.SetReadLimit(512)\n') }, 'ws-read-no-deadline');
    assert.equal(uncovered.length, 1);
  });
});
