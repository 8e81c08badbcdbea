/**
 * Adopting Go Traps on code that already has findings, through the built CLI: the baseline, new code only
 * (`--new-from-rev` in a real git repository, `--new-from-patch`), `init`, and the command-line parser.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../server/src/engine/config';
import { RULES } from '../../server/src/traps/index';
import { REPO_ROOT } from '../support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const created: string[] = [];
after(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A Go file whose function `name` calls http.Get (http-client-no-timeout) `calls` times. */
function trapFile(pkg: string, name: string, calls = 1): string {
  const body = Array.from({ length: calls }, (_, i) => `\tif _, err := http.Get(url + "/${i}"); err != nil {\n\t\treturn err\n\t}\n`).join('');
  return `package ${pkg}\n\nimport "net/http"\n\nfunc ${name}(url string) error {\n${body}\treturn nil\n}\n`;
}

function workspace(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'go-traps-adopt-')));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) write(dir, name, text);
  return dir;
}

function write(dir: string, name: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function findingsOf(cwd: string, ...args: string[]): { ruleId: string; path: string; range: { start: { line: number } } }[] {
  const result = run(cwd, '--format', 'json', ...args);
  assert.notEqual(result.code, 2, result.stderr);
  return JSON.parse(result.stdout).findings;
}

const FILES = {
  'go.mod': 'module example.com/shop\n',
  'internal/user/fetch.go': trapFile('user', 'Fetch'),
  'internal/order/fetch.go': trapFile('order', 'Fetch', 2),
  'internal/coupon/fetch.go': trapFile('coupon', 'Fetch'),
  'internal/pay/fetch.go': trapFile('pay', 'Charge'),
};

describe('go-traps baseline', () => {
  it('accepts today\'s findings: the next run reports none and says how many it held back', () => {
    const dir = workspace(FILES);
    const written = run(dir, 'baseline');
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /wrote \.go-traps-baseline\.json: 5 findings/);
    const baseline = JSON.parse(readFileSync(path.join(dir, '.go-traps-baseline.json'), 'utf8'));
    assert.equal(baseline.findings.length, 5);
    assert.ok(baseline.findings.every((e: Record<string, unknown>) => !('line' in e)), 'no line numbers in the fingerprint');
    const again = run(dir, '.');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /^0 traps in 4 files \(5 baselined\)$/m);
    assert.equal(findingsOf(dir, '--no-baseline').length, 5, '--no-baseline shows them all');
  });

  it('reports exactly the new trap after other files shifted, and a removed trap as fixed', () => {
    const dir = workspace(FILES);
    assert.equal(run(dir, 'baseline').code, 0);
    for (const name of ['internal/user/fetch.go', 'internal/coupon/fetch.go', 'internal/order/fetch.go']) {
      write(dir, name, '\n' + readFileSync(path.join(dir, name), 'utf8'));
    }
    // A new trap in a file that already had one, in another function.
    write(dir, 'internal/pay/fetch.go', trapFile('pay', 'Charge') + '\nfunc Refund(url string) {\n\thttp.Get(url)\n}\n');
    const fresh = findingsOf(dir);
    assert.deepEqual(
      fresh.map((f) => [f.path, f.ruleId, f.range.start.line + 1]),
      [['internal/pay/fetch.go', 'http-client-no-timeout', 13]],
    );

    // One of order's two calls goes away.
    write(dir, 'internal/order/fetch.go', '\n' + trapFile('order', 'Fetch', 1));
    const result = run(dir, '.');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^fixed since the baseline: http-client-no-timeout in internal\/order\/fetch\.go \(Fetch\)$/m);
    assert.match(result.stdout, /^1 trap in 4 files \(4 baselined; 1 baseline entry fixed, `go-traps baseline --prune` drops it\)$/m);

    const pruned = run(dir, 'baseline', '--prune');
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /4 findings .*\(was 5: 0 added, 1 fixed and dropped\)/);
    assert.equal(findingsOf(dir).length, 1, 'pruning accepts nothing new');
    assert.doesNotMatch(run(dir, '.').stdout, /fixed since the baseline/);
  });

  it('keeps the entries of files outside the paths when it writes for a part of the tree', () => {
    const dir = workspace(FILES);
    assert.equal(run(dir, 'baseline').code, 0);
    write(dir, 'internal/user/fetch.go', trapFile('user', 'Fetch', 2));
    const partial = run(dir, 'baseline', 'internal/user');
    assert.match(partial.stdout, /2 findings .*\(was 1: 1 added, 0 fixed and dropped; 4 kept for files or rules outside this run\)/);
    assert.equal(findingsOf(dir).length, 0);
    // A run on part of the tree does not call the rest of the baseline fixed.
    assert.doesNotMatch(run(dir, 'internal/pay').stdout, /fixed/);
  });

  it('stops with a clear message on a broken baseline, and reads a baseline named with --baseline', () => {
    const dir = workspace({ ...FILES, '.go-traps-baseline.json': '{"version": 1, "findings": [' });
    const broken = run(dir, '.');
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /\.go-traps-baseline\.json: not valid JSON.*--no-baseline/);
    assert.equal(run(dir, '--no-baseline').code, 1);
    assert.equal(run(dir, 'baseline', '--baseline', 'accepted.json').code, 0);
    assert.equal(run(dir, '--baseline', 'accepted.json').code, 0);
    assert.equal(run(dir, '--baseline', 'missing.json').code, 2, 'a baseline named but missing is an error');
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Go Traps Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('new code only', () => {
  it('--new-from-rev HEAD~1 reports only findings on lines changed since, committed or not, and in new files', () => {
    const dir = workspace(FILES);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'old code');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'HEAD~1 is the old code');
    // Changed: a new call in order (committed), a new file (untracked), a blank line in user (no finding on it).
    write(dir, 'internal/order/fetch.go', trapFile('order', 'Fetch', 2) + '\nfunc Again(url string) {\n\thttp.Get(url)\n}\n');
    git(dir, 'commit', '-qam', 'new call');
    write(dir, 'internal/user/fetch.go', '\n' + FILES['internal/user/fetch.go']);
    write(dir, 'internal/user/extra.go', trapFile('user', 'Extra'));

    const all = findingsOf(dir, '--no-baseline');
    assert.equal(all.length, 7);
    const fresh = findingsOf(dir, '--new-from-rev', 'HEAD~1');
    assert.deepEqual(
      fresh.map((f) => [f.path, f.range.start.line + 1]).sort(),
      [
        ['internal/order/fetch.go', 16],
        ['internal/user/extra.go', 6],
      ],
    );
    const text = run(dir, '--new-from-rev', 'HEAD~1');
    assert.match(text.stdout, /^2 traps in 5 files \(5 outside the lines changed since HEAD~1\)$/m);
    assert.deepEqual(findingsOf(dir, '--new-from-rev', 'HEAD'), fresh.filter((f) => f.path.startsWith('internal/user')), 'since HEAD: only the uncommitted work');
  });

  it('--new-from-patch reads the lines a diff adds', () => {
    const dir = workspace(FILES);
    write(dir, 'internal/coupon/fetch.go', trapFile('coupon', 'Fetch', 2));
    const patch = [
      '--- a/internal/coupon/fetch.go',
      '+++ b/internal/coupon/fetch.go',
      '@@ -8,0 +9,3 @@',
      '+\tif _, err := http.Get(url + "/1"); err != nil {',
      '+\t\treturn err',
      '+\t}',
      '',
    ].join('\n');
    write(dir, 'change.patch', patch);
    assert.deepEqual(
      findingsOf(dir, '--new-from-patch', 'change.patch').map((f) => [f.path, f.range.start.line + 1]),
      [['internal/coupon/fetch.go', 9]],
    );
  });

  it('says clearly when there is no git repository or no such revision', () => {
    const dir = workspace(FILES);
    const outside = run(dir, '--new-from-rev', 'HEAD~1');
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--new-from-rev needs a git repository, and .* is not inside one/);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'only commit');
    const missing = run(dir, '--new-from-rev', 'HEAD~5');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /"HEAD~5" is not a commit/);
  });
});

describe('go-traps init', () => {
  const layout = {
    'go.mod': 'module example.com/shop\n',
    'cmd/shop/main.go': 'package main\n\nfunc main() {}\n',
    'internal/user/repo.go': 'package user\n',
    'internal/user/http/handler.go': 'package http\n',
    'internal/order/service.go': 'package order\n',
    'internal/db/pool.go': 'package db\n',
    'pkg/util/strings.go': 'package util\n',
  };

  it('writes a commented .go-traps.json with the inferred domains and infrastructure, which the config reader accepts', () => {
    const dir = workspace(layout);
    const result = run(dir, 'init');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 domains \(order, user\), 3 infrastructure packages found \(cmd, db, util\)/);
    const text = readFileSync(path.join(dir, '.go-traps.json'), 'utf8');
    assert.match(text, /^\s*\/\/ Business domains/m);
    const { settings, problems } = parseConfig(text, RULES.map((r) => r.meta.id));
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.domains, { order: ['internal/order/**'], user: ['internal/user/**'] });
    assert.deepEqual(settings.infrastructure.slice(0, 3), ['cmd', 'db', 'util']);
    assert.ok(settings.infrastructure.includes('config'), 'the known names stay');
  });

  it('writes the domains every view shows: a folder of mostly handlers is no domain, as go-traps domains says', () => {
    const handlers = 'package admin\n\nimport "net/http"\n\nfunc List(w http.ResponseWriter, r *http.Request) {}\n\nfunc Show(w http.ResponseWriter, r *http.Request) {}\n';
    const dir = workspace({ ...layout, 'internal/admin/admin.go': handlers });
    const result = run(dir, 'init');
    assert.equal(result.code, 0, result.stderr);
    const { settings } = parseConfig(readFileSync(path.join(dir, '.go-traps.json'), 'utf8'), RULES.map((r) => r.meta.id));
    assert.deepEqual(settings.domains, { order: ['internal/order/**'], user: ['internal/user/**'] });
    const listed = run(dir, 'domains', '--format', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    const rows = JSON.parse(listed.stdout) as { dir: string; role: string }[];
    assert.equal(rows.find((r) => r.dir === 'internal/admin')?.role, 'transport');
  });

  it('refuses to overwrite without --force', () => {
    const dir = workspace({ ...layout, '.go-traps.json': '{"rules": {}}' });
    const refused = run(dir, 'init');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exists; pass --force/);
    assert.equal(readFileSync(path.join(dir, '.go-traps.json'), 'utf8'), '{"rules": {}}');
    assert.equal(run(dir, 'init', '--force').code, 0);
    assert.match(readFileSync(path.join(dir, '.go-traps.json'), 'utf8'), /"user": \["internal\/user\/\*\*"\]/);
  });
});

describe('the command line', () => {
  const dir = workspace(FILES);

  it('prints the package version and help for the program and each command', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(run(dir, '--version').stdout.trim(), manifest.version);
    const help = run(dir, '--help');
    assert.equal(help.code, 0);
    for (const word of ['--new-from-rev', '--no-baseline', 'checkstyle', 'baseline', 'init', 'split']) assert.ok(help.stdout.includes(word), word);
    for (const [command, option] of [['baseline', '--prune'], ['init', '--force'], ['split', '--qps']]) {
      const sub = run(dir, command, '--help');
      assert.equal(sub.code, 0, command);
      assert.match(sub.stdout, new RegExp(`^Usage: go-traps ${command}`, 'm'));
      assert.ok(sub.stdout.includes(option), `${command} --help names ${option}`);
      assert.equal(run(dir, 'help', command).stdout, sub.stdout);
    }
  });

  it('suggests the option meant, exits 2, and takes what follows -- as paths', () => {
    const typo = run(dir, '--exit-zeor');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown option '--exit-zeor'\n\(Did you mean --exit-zero\?\)/);
    assert.match(run(dir, 'baseline', '--prnue').stderr, /Did you mean --prune\?/);
    write(dir, '--odd/x.go', trapFile('odd', 'F'));
    const dashed = run(dir, '--no-baseline', '--format', 'json', '--', '--odd');
    assert.equal(dashed.code, 1, dashed.stderr);
    assert.deepEqual(JSON.parse(dashed.stdout).findings.map((f: { path: string }) => f.path), ['--odd/x.go']);
  });
});
