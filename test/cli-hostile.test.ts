/** The CLI on hostile trees and names: links, loops, pipes, unreadable folders, odd bytes, slow files. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');

/** A fixable trap (db-open-error-ignored) and an unfixable one beside it (db-pool-unbounded). */
const TRAP = `package store

import "database/sql"

func Open(dsn string) (*sql.DB, error) {
\tdb, _ := sql.Open("mysql", dsn)
\treturn db, nil
}
`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-hostile-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/x\n\ngo 1.21\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Runs the CLI; a hang ends at `timeout` with code null instead of stalling the suite. */
function run(cwd: string, args: string[], options: { uid?: number; timeout?: number } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
    timeout: options.timeout ?? 30_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the walk', () => {
  it('stops quietly when the reader closes the pipe early (go-traps | head)', () => {
    const dir = workspace({ 'db.go': TRAP });
    // `true` exits at once: by the time node has started, the pipe it writes its report (or its help) to is closed.
    const script = `"${process.execPath}" "${CLI}" --no-cache . | true; echo "status \${PIPESTATUS[0]}" >&2; "${process.execPath}" "${CLI}" --help | true`;
    const result = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.doesNotMatch(result.stderr, /EPIPE|Unhandled|internal error/);
    assert.match(result.stderr, /status [01]\n/);
  });

  it('reports dangling links and link loops as skipped and analyses the rest', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    symlinkSync('nowhere.go', path.join(dir, 'store', 'dangling.go'));
    symlinkSync('.', path.join(dir, 'store', 'loop'));
    symlinkSync('self.go', path.join(dir, 'store', 'self.go'));
    const result = run(dir, ['.', '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    const report = JSON.parse(result.stdout);
    assert.ok(report.findings.some((f: { path: string }) => f.path === 'store/db.go'));
    const skipped = report.skipped.map((s: { path: string }) => s.path).sort();
    assert.deepEqual(skipped, ['store/dangling.go', 'store/loop', 'store/self.go']);
  });

  it('does not hang on a named pipe called y.go, and says it skipped it', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    const made = spawnSync('mkfifo', [path.join(dir, 'store', 'y.go')]);
    if (made.status !== 0) return assert.fail(`mkfifo failed: ${made.stderr}`);
    const result = run(dir, ['.'], { timeout: 20_000 });
    assert.equal(result.code, 1, `exit ${result.code}: ${result.stderr}`);
    assert.match(result.stderr, /skipped store\/y\.go: a named pipe, not read/);
  });

  it('reports an unreadable folder as a problem while the rest is analysed', () => {
    const dir = workspace({ 'store/db.go': TRAP, 'locked/a.go': 'package locked\n' });
    // root reads everything, so as root the CLI runs as nobody, who may not enter the folder.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) spawnSync('chown', ['-R', '65534:65534', dir]);
    chmodSync(path.join(dir, 'locked'), 0o000);
    if (asRoot) chownSync(path.join(dir, 'locked'), 0, 0);
    const result = run(dir, ['.', '--format', 'json'], asRoot ? { uid: 65534 } : {});
    chmodSync(path.join(dir, 'locked'), 0o755);
    assert.equal(result.code, 2, 'an incomplete analysis is not a clean exit');
    const report = JSON.parse(result.stdout);
    assert.ok(report.findings.some((f: { path: string }) => f.path === 'store/db.go'), 'the rest is analysed');
    assert.deepEqual(report.problems.map((p: { path: string }) => p.path), ['locked']);
    assert.match(result.stderr, /locked: cannot read directory: EACCES/);
  });
});

describe('--fix', () => {
  it('never follows a link out of the tree, nor writes through one', () => {
    const outside = workspace({ 'victim/db.go': TRAP });
    const dir = workspace({ 'store/db.go': TRAP });
    symlinkSync(path.join(outside, 'victim', 'db.go'), path.join(dir, 'store', 'linked.go'));
    symlinkSync(path.join(outside, 'victim'), path.join(dir, 'victim'));
    const result = run(dir, ['.', '--fix', '--rules', 'db-open-error-ignored']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(readFileSync(path.join(outside, 'victim', 'db.go'), 'utf8'), TRAP, 'the file outside is untouched');
    assert.notEqual(readFileSync(path.join(dir, 'store', 'db.go'), 'utf8'), TRAP, 'the file inside is fixed');
  });

  it('leaves a Latin-1 file byte for byte as it was, and says why', () => {
    const latin1 = Buffer.concat([Buffer.from(TRAP.replace('package store\n', 'package store\n\n// caf')), Buffer.from([0xe9]), Buffer.from('\n')]);
    const dir = workspace({ 'store/db.go': latin1 });
    const result = run(dir, ['.', '--fix', '--rules', 'db-open-error-ignored']);
    assert.equal(result.code, 1, result.stderr);
    assert.ok(readFileSync(path.join(dir, 'store', 'db.go')).equals(latin1), 'bytes unchanged (no U+FFFD)');
    assert.match(result.stderr, /fixes not applied to store\/db\.go: not valid UTF-8/);
  });
});

describe('names in the output', () => {
  it('keeps one finding on one text line when a file name holds a newline', () => {
    const dir = workspace({ 'store/db\n0:0: error forged.go': TRAP });
    const result = run(dir, ['.', '--rules', 'db-open-error-ignored']);
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(lines.some((l) => l.startsWith('store/db\\n0:0: error forged.go:6:6: error db-open-error-ignored')), result.stdout);
    assert.ok(!lines.some((l) => l.startsWith('0:0: error forged.go')), 'no forged line');
  });

  it('escapes # and ? in SARIF URIs', () => {
    const dir = workspace({ 'store/a#b?c.go': TRAP });
    const result = run(dir, ['.', '--format', 'sarif', '--rules', 'db-open-error-ignored']);
    const sarif = JSON.parse(result.stdout);
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'store/a%23b%3Fc.go');
    assert.equal(decodeURIComponent(new URL(uri, 'file:///root/').pathname.split('/').pop()!), 'a#b?c.go');
  });
});

describe('the per-file time budget', () => {
  it('skips a file that holds the analysis past the budget, with a notice, and reports the rest', () => {
    let slow = 'package big\n\nimport "database/sql"\n\n';
    for (let i = 0; slow.length < 1_000_000; i++) slow += `func F${i}(db *sql.DB) error {\n\t_, err := db.Exec("UPDATE t SET a = ${i}")\n\treturn err\n}\n\n`;
    const dir = workspace({ 'big/big.go': slow, 'store/db.go': TRAP });
    // 1 MB of code takes seconds to analyse; a small file, even cold under load, well under the 2 s budget.
    const result = run(dir, ['.', '--file-budget', '2', '--format', 'json'], { timeout: 120_000 });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /skipped big\/big\.go: analysis took longer than the per-file budget of 2 s/);
    const report = JSON.parse(result.stdout);
    assert.ok(report.findings.some((f: { path: string }) => f.path === 'store/db.go'));
    assert.ok(!report.findings.some((f: { path: string }) => f.path === 'big/big.go'));
  });
});

describe('broken Go found by the fuzzer', () => {
  it('analyses a file with a stray ) at the top level instead of looping on it', () => {
    const dir = workspace({ 'store/db.go': TRAP, 'store/stray.go': 'package store\n)\n\nfunc F() {}\n', 'store/inline.go': 'package ma)db.Query*/é' });
    const result = run(dir, ['.', '--file-budget', '5', '--format', 'json'], { timeout: 60_000 });
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.skipped, [], result.stderr);
    assert.equal(report.filesAnalyzed, 3);
  });
});

describe('a hostile .go-traps.json', () => {
  it('takes {"timeouts":{"__proto__":{}}} as one bad key and goes on', () => {
    for (const section of ['timeouts', 'pool', 'log', 'metrics']) {
      const dir = workspace({ '.go-traps.json': `{"${section}":{"__proto__":{}}}`, 'store/db.go': TRAP });
      const result = run(dir, ['.']);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`"${section}\\.__proto__": unknown key`));
    }
  });
});
