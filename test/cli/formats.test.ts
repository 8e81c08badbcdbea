/**
 * The CI report formats on the example workspace, each checked by something that is not our code: GitHub's
 * own toolkit, a JSON schema written from GitLab's Code Quality documentation, a JUnit report parser and an
 * XML parser.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { REPO_ROOT } from '../support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const WORKSPACE = path.join(REPO_ROOT, 'test-fixtures', 'workspace');

interface JsonFinding {
  ruleId: string;
  path: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--no-baseline', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  assert.notEqual(result.status, 2, result.stderr);
  return result.stdout;
}

let findings: JsonFinding[];
before(() => {
  findings = JSON.parse(run(WORKSPACE, '--format', 'json')).findings;
  assert.ok(findings.length >= 10, `the example workspace has findings to report (${findings.length})`);
});

describe('--format github', () => {
  /** A workflow command as GitHub's documentation defines it: `::command key=value,…::message`. */
  const COMMAND = /^::(error|warning|notice)(?: ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*))?::(.*)$/;
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

  it('writes one annotation per finding, in the documented command syntax, with title, file and position', () => {
    const lines = run(WORKSPACE, '--format', 'github').trimEnd().split('\n');
    assert.equal(lines.length, findings.length);
    lines.forEach((line, i) => {
      const match = COMMAND.exec(line);
      assert.ok(match, `not a workflow command: ${line}`);
      const props = Object.fromEntries(match[2].split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, unescape(v)]));
      const f = findings[i];
      assert.equal(match[1], { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' }[f.severity]);
      assert.equal(props.title, `go-traps ${f.ruleId}`);
      assert.equal(props.file, f.path);
      assert.equal(Number(props.line), f.range.start.line + 1);
      assert.equal(Number(props.col), f.range.start.character + 1);
      assert.equal(unescape(match[3]).split('\n')[0], f.message);
    });
    assert.equal(COMMAND.exec('::warning file=a,b.go::x'), null, 'the grammar can fail: a raw comma in a property');
  });

  it('writes exactly what GitHub\'s toolkit (@actions/core) writes for the same annotations', async () => {
    const core = await import('@actions/core');
    const ours = run(WORKSPACE, '--format', 'github').trimEnd().split('\n');
    const theirs: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (theirs.push(chunk.trimEnd()), true)) as typeof process.stdout.write;
    try {
      ours.forEach((line, i) => {
        const f = findings[i];
        const message = unescape(COMMAND.exec(line)![3]);
        const properties = { title: `go-traps ${f.ruleId}`, file: f.path, startLine: f.range.start.line + 1, endLine: f.range.end.line + 1, startColumn: f.range.start.character + 1, endColumn: f.range.end.character + 1 };
        if (f.severity === 'error') core.error(message, properties);
        else if (f.severity === 'warning') core.warning(message, properties);
        else core.notice(message, properties);
      });
    } finally {
      process.stdout.write = write;
    }
    assert.deepEqual(ours, theirs);
  });
});

describe('--format gitlab', () => {
  // The Code Quality report format as GitLab's documentation describes it (docs.gitlab.com, "Code Quality",
  // "Code Quality report format"): an array of issues, each with these required fields.
  const schema = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path'],
          properties: {
            // A relative path in the repository, without a ./ prefix.
            path: { type: 'string', minLength: 1, not: { pattern: '^(\\./|/)' } },
            lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
            positions: {
              type: 'object',
              required: ['begin'],
              properties: { begin: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } } } },
            },
          },
          anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
        },
      },
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv');
  const validate = new Ajv({ allErrors: true }).compile(schema);

  let copy: string;
  before(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'go-traps-gitlab-'));
    cpSync(WORKSPACE, copy, { recursive: true });
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('validates against the documented format, one issue per finding, with unique fingerprints', () => {
    const report = JSON.parse(run(copy, '--format', 'gitlab'));
    assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(report.length, findings.length);
    assert.equal(new Set(report.map((i: { fingerprint: string }) => i.fingerprint)).size, report.length);
    assert.deepEqual(
      report.map((i: { check_name: string; location: { path: string; lines: { begin: number } } }) => [i.check_name, i.location.path, i.location.lines.begin]),
      findings.map((f) => [f.ruleId, f.path, f.range.start.line + 1]),
    );
    assert.equal(validate([{ description: 'x', check_name: 'c', fingerprint: 'f', severity: 'high', location: { path: './a.go' } }]), false, 'the schema can fail');
  });

  it('keeps every fingerprint when lines move, so GitLab does not see old findings as new', () => {
    const before = JSON.parse(run(copy, '--format', 'gitlab'));
    for (const file of [...new Set(findings.map((f) => f.path))]) {
      const absolute = path.join(copy, file);
      writeFileSync(absolute, '\n\n' + readFileSync(absolute, 'utf8'));
    }
    const after = JSON.parse(run(copy, '--format', 'gitlab'));
    assert.deepEqual(after.map((i: { fingerprint: string }) => i.fingerprint), before.map((i: { fingerprint: string }) => i.fingerprint));
    assert.notDeepEqual(after.map((i: { location: unknown }) => i.location), before.map((i: { location: unknown }) => i.location));
  });
});

describe('--format junit', () => {
  it('is well-formed XML that a JUnit report parser reads as one failed test per finding', () => {
    const xml = run(WORKSPACE, '--format', 'junit');
    assert.equal(XMLValidator.validate(xml), true);
    const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-junit-'));
    try {
      const file = path.join(dir, 'report.xml');
      writeFileSync(file, xml);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parse } = require('test-results-parser');
      const result = parse({ type: 'junit', files: [file] });
      assert.equal(result.total, findings.length);
      assert.equal(result.failed, findings.length);
      assert.equal(result.passed, 0);
      const cases = result.suites.flatMap((s: { cases: { name: string; failure: string }[] }) => s.cases);
      assert.deepEqual(
        cases.map((c: { failure: string }) => c.failure),
        findings.map((f) => f.message),
      );
      assert.ok(cases.every((c: { name: string }, i: number) => c.name.startsWith(findings[i].ruleId + ' ')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a clean run as one passing test', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-junit-clean-'));
    try {
      writeFileSync(path.join(dir, 'add.go'), 'package add\n\nfunc Add(a, b int) int { return a + b }\n');
      const xml = run(dir, '--format', 'junit');
      assert.equal(XMLValidator.validate(xml), true);
      writeFileSync(path.join(dir, 'report.xml'), xml);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const result = require('test-results-parser').parse({ type: 'junit', files: [path.join(dir, 'report.xml')] });
      assert.deepEqual([result.total, result.passed, result.failed], [1, 1, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--format checkstyle', () => {
  it('is well-formed Checkstyle XML: a file element per file, an error element per finding', () => {
    const xml = run(WORKSPACE, '--format', 'checkstyle');
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'file' || name === 'error' }).parse(xml);
    assert.ok(parsed.checkstyle, 'root element <checkstyle>');
    const errors = parsed.checkstyle.file.flatMap((file: { name: string; error: Record<string, string>[] }) => file.error.map((e) => ({ ...e, file: file.name })));
    assert.deepEqual(
      errors.map((e: Record<string, string>) => [e.file, Number(e.line), Number(e.column), e.source, e.message]),
      findings.map((f) => [f.path, f.range.start.line + 1, f.range.start.character + 1, `go-traps.${f.ruleId}`, f.message]),
    );
    for (const e of errors) assert.ok(['error', 'warning', 'info', 'ignore'].includes(e.severity), e.severity);
    assert.notEqual(XMLValidator.validate('<checkstyle><file name="a"></checkstyle>'), true, 'the validator can fail');
  });
});
