/** The CLI as CI uses it: formats, exit codes, --fix, config problems, bad input. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { gofmtProblem, REPO_ROOT } from './support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');

const TRAP = `package store

import "database/sql"

func Open(dsn string) (*sql.DB, error) {
\tdb, _ := sql.Open("mysql", dsn)
\treturn db, nil
}
`;

const CLEAN = `package store

func Add(a, b int) int { return a + b }
`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli', () => {
  it('exits 0 and says so when there is nothing to report', () => {
    const dir = workspace({ 'go.mod': 'module example.com/x\n', 'store/add.go': CLEAN });
    const result = run(dir, '.');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^0 traps in 1 file$/m);
  });

  it('prints path:line:col: severity rule-id message and exits 1 on findings', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    const result = run(dir, '.');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^store\/db\.go:6:6: error db-open-error-ignored The error of sql\.Open is discarded/m);
  });

  it('prints related locations as note lines and the fix under a finding', () => {
    const result = run(path.join(REPO_ROOT, 'test-fixtures', 'workspace'), '.', '--rules', 'db-shared-pool');
    assert.equal(result.code, 1, result.stderr);
    const block = result.stdout.split('\n');
    const first = block.findIndex((l) => / warning db-shared-pool .* drawn on by 3 domains/.test(l));
    assert.ok(first >= 0, result.stdout);
    const notes = block.slice(first + 1).filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('    ')));
    for (const domain of ['user', 'order', 'coupon']) assert.ok(notes.some((l) => l.includes(`internal/${domain}/`) && l.includes(': note: ')), `a note in ${domain}: ${notes.join('\n')}`);
    assert.ok(notes.some((l) => /^ {4}fix: Split sql\.DB per domain \(review\)$/.test(l)));
  });

  it('--exit-zero reports but exits 0', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    assert.equal(run(dir, '--exit-zero').code, 0);
  });

  it('exits 2 on usage errors', () => {
    const dir = workspace({});
    assert.equal(run(dir, '--format', 'xml').code, 2);
    assert.equal(run(dir, 'no-such-dir').code, 2);
    assert.equal(run(dir, '--bogus').code, 2);
    assert.equal(run(dir, '--rules', 'no-such-rule').code, 2);
  });

  it('writes JSON with fixes to --output', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    const out = path.join(dir, 'report.json');
    assert.equal(run(dir, '--format', 'json', '--output', out).code, 1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'db-open-error-ignored');
    assert.ok(finding, 'finding present');
    assert.equal(finding.path, 'store/db.go');
    assert.equal(finding.fixes[0].title, 'Bind and check the error of sql.Open');
    assert.match(finding.docs, /docs\/rules\/db-open-error-ignored\.md$/);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with rule metadata and fixes', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    const result = run(dir, '--format', 'sarif');
    const sarif = JSON.parse(result.stdout);
    // SARIF's schema is draft-04; ajv 8 reads that dialect through ajv-draft-04 (formats are not checked; its patterns predate unicode-mode regular expressions).
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
    const run0 = sarif.runs[0];
    const rule = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'db-open-error-ignored');
    assert.match(rule.helpUri, /db-open-error-ignored\.md$/);
    assert.ok(rule.shortDescription.text.length > 10);
    const found = run0.results.find((r: { ruleId: string }) => r.ruleId === 'db-open-error-ignored');
    assert.equal(found.locations[0].physicalLocation.region.startLine, 6);
    assert.equal(found.fixes[0].artifactChanges[0].replacements.length, 2);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false, 'the validator can fail');
  });

  it('--fix applies safe fixes in place and leaves gofmt-clean Go', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    const result = run(dir, '--fix', '--rules', 'db-open-error-ignored');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const fixed = readFileSync(path.join(dir, 'store/db.go'), 'utf8');
    assert.match(fixed, /db, err := sql\.Open\("mysql", dsn\)\n\tif err != nil \{\n\t\treturn nil, err\n\t\}/);
    assert.equal(gofmtProblem(fixed), null);
  });

  it('reports a bad config key on stderr and goes on with defaults', () => {
    const dir = workspace({ '.go-traps.json': '{"timeouts": {"db": "fast"}}', 'store/db.go': TRAP });
    const result = run(dir, '.');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /"timeouts\.db": expected a Go duration/);
    assert.match(result.stdout, /db-open-error-ignored/);
  });

  it('honours rule severity and off from the config', () => {
    // TRAP's pool is also unbounded (db-pool-unbounded): both rules are turned off to leave nothing to report.
    const dir = workspace({ '.go-traps.json': '{"rules": {"db-open-error-ignored": "off", "db-pool-unbounded": "off"}}', 'store/db.go': TRAP });
    assert.equal(run(dir, '.').code, 0);
  });

  it('skips binary and oversized files with a notice, and excluded folders silently', () => {
    const dir = workspace({
      '.go-traps.json': '{"maxFileSize": 2000}',
      'bin/blob.go': Buffer.from([0x70, 0x61, 0, 1, 2, 3]),
      'big/big.go': 'package big\n' + '// padding\n'.repeat(400),
      'vendor/x/db.go': TRAP,
      'store/add.go': CLEAN,
    });
    const result = run(dir, '.');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /skipped bin\/blob\.go: binary/);
    assert.match(result.stderr, /skipped big\/big\.go: larger than maxFileSize/);
    assert.doesNotMatch(result.stdout + result.stderr, /vendor/);
  });

  it('survives broken Go', () => {
    const dir = workspace({ 'store/broken.go': 'package store\n\nfunc Open( {\n\tdb, _ := sql.Open("mysql"\n' });
    const result = run(dir, '.');
    assert.notEqual(result.code, 2, result.stderr);
  });

  it('speaks Simplified Chinese with --locale zh-cn', () => {
    const dir = workspace({ 'store/db.go': TRAP });
    assert.match(run(dir, '--locale', 'zh-cn').stdout, /的错误被丢弃/);
  });
});
