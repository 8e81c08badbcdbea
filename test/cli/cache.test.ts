/** The result cache: a warm run reuses results, and never a stale one; two runs may share it; it stays bounded. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

const STORE = (type: string) => `package store

import "database/sql"

type Cache struct{}

func (c *Cache) QueryRow(q string) *sql.Row { return nil }

var DB ${type}
`;
const COUNT = `package order

import "example.com/shop/store"

func Count() {
	_ = store.DB.QueryRow("SELECT count(*) FROM orders")
}
`;

function run(cwd: string, cache: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '.', '--format', 'json', '--no-baseline', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cache, LANG: 'C' },
  });
  assert.notEqual(result.status, 2, result.stderr);
  return JSON.parse(result.stdout) as { findings: { ruleId: string; path: string }[] };
}

/** A pack of entries (one per directory), not the file of derived answers beside them. */
const isPack = (file: string) => file.endsWith('.json') && path.basename(file) !== 'derived.json';

const noContext = (report: { findings: { ruleId: string; path: string }[] }) => report.findings.filter((f) => f.ruleId === 'db-no-context').map((f) => f.path);

describe('result cache', () => {
  it('follows a declaration changed in another package on the next run, both ways, as a run without cache does', () => {
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.21\n', 'store/db.go': STORE('*sql.DB'), 'order/count.go': COUNT });
    assert.deepEqual(noContext(run(root, cache)), ['order/count.go']);
    assert.ok(existsSync(path.join(cache, 'go-traps')), 'the cache was written');
    assert.deepEqual(noContext(run(root, cache)), ['order/count.go'], 'warm run');
    write(root, { 'store/db.go': STORE('*Cache') });
    assert.deepEqual(noContext(run(root, cache)), [], 'after the declaration changed');
    assert.deepEqual(run(root, cache), run(root, cache, '--no-cache'));
    write(root, { 'store/db.go': STORE('*sql.DB') });
    assert.deepEqual(noContext(run(root, cache)), ['order/count.go'], 'after it changed back');
  });

  it('follows a change in what leads to a *log.Logger: a file ruled out without a parse is analysed again', () => {
    // order/pay.go imports no log package and never changes: it is ruled out from its text and from what leads to
    // *log.Logger (type-reach.ts). Making sink.Sink an alias of log.Logger changes only sink's declaration.
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    const SINK = 'package sink\n\ntype Sink struct{}\n\nfunc (s *Sink) Printf(format string, args ...any) {}\n';
    const LOGGER = 'package sink\n\nimport "log"\n\ntype Sink = log.Logger\n';
    write(root, {
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'store/kit.go': 'package store\n\nimport "example.com/shop/sink"\n\ntype Kit struct{ Out *sink.Sink }\n',
      'sink/sink.go': SINK,
      'order/pay.go': 'package order\n\nimport "example.com/shop/store"\n\nfunc Pay(k *store.Kit) {\n\tk.Out.Printf("paid")\n}\n',
    });
    const unstructured = (report: { findings: { ruleId: string; path: string }[] }) => report.findings.filter((f) => f.ruleId === 'log-unstructured').map((f) => f.path);
    assert.deepEqual(unstructured(run(root, cache)), []);
    write(root, { 'sink/sink.go': LOGGER });
    assert.deepEqual(unstructured(run(root, cache)), ['order/pay.go'], 'after sink.Sink became a *log.Logger');
    assert.deepEqual(run(root, cache), run(root, cache, '--no-cache'));
    write(root, { 'sink/sink.go': SINK });
    assert.deepEqual(unstructured(run(root, cache)), [], 'after it changed back');
  });

  it('follows the structured logger another package of the module imports: the conversion target of an unchanged file', () => {
    // Go 1.20 has no log/slog: a log call converts to a logger the module already imports, which another package
    // decides. The file with the call never changes.
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    const MAIN = 'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tlog.Printf("paid %s", r.URL.Path)\n}\n\nfunc main() {\n\thttp.HandleFunc("/", handle)\n}\n';
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.20\n', 'api/main.go': MAIN, 'obs/obs.go': 'package obs\n\nfunc Init() {}\n' });
    const messages = (report: { findings: { ruleId: string; message: string }[] }) => report.findings.filter((f) => f.ruleId === 'log-unstructured').map((f) => f.message);
    assert.match(messages(run(root, cache) as never).join(), /imports no zap/);
    write(root, { 'obs/obs.go': 'package obs\n\nimport "go.uber.org/zap"\n\nvar L = zap.NewNop()\n' });
    assert.match(messages(run(root, cache) as never).join(), /use structured logging \(zap\)/, 'after another package imported zap');
    assert.deepEqual(run(root, cache), run(root, cache, '--no-cache'));
    write(root, { 'obs/obs.go': 'package obs\n\nfunc Init() {}\n' });
    assert.match(messages(run(root, cache) as never).join(), /imports no zap/, 'after the import went away');
  });

  it('follows the names of a package\'s functions: another file\'s mentions decide whether a fix may add a parameter', () => {
    // goroutine-no-exit offers to thread ctx into run() only when the declaration and the go statement are its only
    // mentions in the package. a.go never changes and names a local `run`; it counts once run() is declared.
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    const START = 'package a\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Start(ctx context.Context) {\n\tgo run()\n}\n\nfunc run() {\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t}\n}\n';
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.21\n', 'a/a.go': 'package a\n\nfunc Use() {\n\trun := 1\n\t_ = run\n}\n', 'a/b.go': 'package a\n\nfunc Start() {}\n' });
    run(root, cache);
    write(root, { 'a/b.go': START });
    const report = run(root, cache) as unknown as { findings: { ruleId: string; fixes: unknown[] }[] };
    const loop = report.findings.find((f) => f.ruleId === 'goroutine-no-exit');
    assert.ok(loop, 'the endless loop is reported');
    assert.equal(loop.fixes.length, 0, 'a.go mentions run too: no fix that adds a parameter');
    assert.deepEqual(run(root, cache), run(root, cache, '--no-cache'));
  });

  it('keeps one pack per directory, and rewrites only the packs of directories analysed again', () => {
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    const LIST = 'package order\n\nfunc List() []string { return nil }\n';
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.21\n', 'store/db.go': STORE('*sql.DB'), 'order/count.go': COUNT, 'order/list.go': LIST });
    run(root, cache);
    const packs = () =>
      (readdirSync(path.join(cache, 'go-traps'), { recursive: true }) as string[])
        .filter(isPack)
        .map((f) => path.join(cache, 'go-traps', f))
        .sort();
    const before = packs();
    assert.equal(before.length, 2, 'one pack for store/, one for order/');
    const mtimes = new Map(before.map((f) => [f, statSync(f).mtimeMs]));
    const deadline = Date.now() + 30;
    while (Date.now() < deadline) {
      // mtimes have millisecond resolution at best: let the clock move.
    }
    write(root, { 'order/list.go': LIST.replace('nil', '[]string{}') });
    assert.deepEqual(noContext(run(root, cache)), ['order/count.go']);
    const rewritten = packs().filter((f) => statSync(f).mtimeMs !== mtimes.get(f));
    assert.equal(rewritten.length, 1, 'only the pack of order/ is written again');
    assert.deepEqual(run(root, cache), run(root, cache, '--no-cache'));
  });

  it('takes an unreadable entry for a miss, in workers and on the main thread alike', () => {
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    // One directory: one worker declares (and keeps) both files, then analyses count.go, which needs db.go's pool.
    const COUNT_HERE = COUNT.replace('package order', 'package store').replace('import "example.com/shop/store"\n\n', '').replace('store.DB', 'DB');
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.21\n', 'store/db.go': STORE('*sql.DB'), 'store/count.go': COUNT_HERE });
    const cold = run(root, cache, '--jobs', '2');
    assert.deepEqual(noContext(cold), ['store/count.go']);
    const packs = (readdirSync(path.join(cache, 'go-traps'), { recursive: true }) as string[]).filter(isPack);
    assert.equal(packs.length, 1);
    for (const pack of packs) {
      const file = path.join(cache, 'go-traps', pack);
      const { entries } = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string> };
      for (const key in entries) entries[key] = entries[key].slice(0, 20);
      writeFileSync(file, JSON.stringify({ entries }));
    }
    assert.deepEqual(run(root, cache, '--jobs', '2'), cold);
  });

  it('is shared safely by two runs at once', async () => {
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    write(root, { 'go.mod': 'module example.com/shop\n\ngo 1.21\n', 'store/db.go': STORE('*sql.DB'), 'order/count.go': COUNT });
    const once = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, '.', '--format', 'json', '--no-baseline'], { cwd: root, env: { ...process.env, XDG_CACHE_HOME: cache } });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 2 ? reject(new Error(`exit ${code}`)) : resolve(out)));
      });
    const [a, b] = await Promise.all([once(), once()]);
    assert.equal(a, b);
    assert.deepEqual(noContext(JSON.parse(await once())), ['order/count.go']);
    const leftovers = readdirSync(path.join(cache, 'go-traps'), { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  it('stays under its size limit, and go-traps cache clean removes it', () => {
    const root = temp('go-traps-cache-ws-');
    const cache = temp('go-traps-cache-');
    const files: Record<string, string> = { 'go.mod': 'module example.com/big\n\ngo 1.21\n' };
    for (let i = 0; i < 60; i++) files[`p${i}/f.go`] = `package p${i}\n\n// ${'x'.repeat(20_000)}\nfunc F() {}\n`;
    write(root, files);
    const limited = spawnSync(process.execPath, [CLI, '.', '--no-baseline'], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, GO_TRAPS_CACHE_LIMIT_MB: '0.05' } });
    assert.notEqual(limited.status, 2, limited.stderr);
    const size = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
    assert.ok(size(path.join(cache, 'go-traps')) <= 0.05 * 1024 * 1024, `cache is ${size(path.join(cache, 'go-traps'))} bytes`);
    const clean = spawnSync(process.execPath, [CLI, 'cache', 'clean'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache } });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(existsSync(path.join(cache, 'go-traps')), false);
  });
});
