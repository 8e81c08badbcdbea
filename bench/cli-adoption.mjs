// Adoption on a large codebase, the Go standard library: `go-traps baseline`, then a run reports 0 new
// findings; a new trap in one file plus 100 other files shifted by a blank line: exactly 1 finding; a
// baselined trap removed: the run says 1 baseline entry is fixed. Works on a copy; never touches the source.
// Usage: node bench/cli-adoption.mjs [goSrcDir]   (prints Markdown; exit 1 when an expectation fails)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/out/cli.js');
const src = realpathSync(process.argv[2] ?? '/usr/lib/go/src');
const copy = mkdtempSync(path.join(os.tmpdir(), 'go-traps-adoption-'));
let failures = 0;

function run(label, args, cwd = copy) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LANG: 'C' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status === 2) throw new Error(`${label}: exit 2\n${result.stderr.slice(-3000)}`);
  console.log(`- ${label}: \`go-traps ${args.join(' ')}\` — ${seconds.toFixed(1)} s, exit ${result.status}`);
  return result;
}

function expect(what, ok, detail) {
  console.log(`  - ${ok ? 'as expected' : '**NOT as expected**'}: ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}

/** Go files below dir (no testdata, no _test.go), sorted, relative to dir. */
function goFiles(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    if (name === 'testdata' || name === 'vendor' || name.startsWith('.')) continue;
    if (statSync(path.join(dir, relative)).isDirectory()) found.push(...goFiles(dir, relative));
    else if (name.endsWith('.go') && !name.endsWith('_test.go')) found.push(relative);
  }
  return found;
}

try {
  console.log(`## Baseline adoption on the Go standard library (${src}, copied to a temporary folder)\n`);
  cpSync(src, copy, { recursive: true });

  const written = run('write the baseline', ['baseline']);
  console.log(`  - ${written.stdout.trim()}`);
  const baseline = JSON.parse(readFileSync(path.join(copy, '.go-traps-baseline.json'), 'utf8')).findings;
  const accepted = baseline.reduce((n, e) => n + (e.count ?? 1), 0);

  const clean = JSON.parse(run('run with the baseline', ['--format', 'json']).stdout);
  expect('0 new findings', clean.findings.length === 0, `${clean.findings.length} new, ${clean.baseline.baselined} baselined of ${accepted} accepted`);

  // A new trap: a function calling http.Get in a non-test file that already imports net/http.
  const files = goFiles(copy);
  const host = files.find((f) => !f.startsWith('net/http/') && !f.startsWith('cmd/') && /^\t"net\/http"$/m.test(readFileSync(path.join(copy, f), 'utf8')));
  const hostText = readFileSync(path.join(copy, host), 'utf8');
  const probeLine = hostText.split('\n').length + 2;
  writeFileSync(path.join(copy, host), `${hostText}\nfunc goTrapsAdoptionProbe(url string) {\n\thttp.Get(url)\n}\n`);
  // 100 other files moved down by a blank line: first those with accepted findings, then any.
  const withFindings = [...new Set(baseline.map((e) => e.file))].filter((f) => f !== host);
  const shifted = [...new Set([...withFindings, ...files.filter((f) => f !== host)])].slice(0, 100);
  for (const file of shifted) writeFileSync(path.join(copy, file), '\n' + readFileSync(path.join(copy, file), 'utf8'));
  console.log(`  - inserted \`http.Get(url)\` in a new function at the end of ${host} (line ${probeLine}); shifted ${shifted.length} other files (${Math.min(withFindings.length, 100)} of them with accepted findings) by a blank line at the top`);

  const one = JSON.parse(run('run after the edits', ['--format', 'json']).stdout);
  const where = one.findings.map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`);
  expect('exactly 1 finding, the new trap', one.findings.length === 1 && one.findings[0].path === host && one.findings[0].range.start.line + 1 === probeLine, where.join(', '));

  // Remove an accepted trap: a one-line log call that the rule flags, in a small package, blanked out.
  const entry = baseline.find((e) => e.rule === 'log-unstructured' && !e.count && e.file !== host && !shifted.includes(e.file) && !e.file.startsWith('cmd/'))
    ?? baseline.find((e) => e.rule === 'log-unstructured' && !e.count);
  const dir = path.dirname(entry.file);
  const local = JSON.parse(run('locate one accepted finding', ['--no-baseline', '--format', 'json', '--rules', 'log-unstructured', dir]).stdout);
  const target = local.findings.find((f) => {
    if (f.path !== entry.file || f.range.start.line !== f.range.end.line) return false;
    const text = readFileSync(path.join(copy, f.path), 'utf8').split('\n')[f.range.start.line].trim();
    return /^log\.\w+\(.*\)$/.test(text) && (text.match(/\(/g) ?? []).length === (text.match(/\)/g) ?? []).length;
  });
  const lines = readFileSync(path.join(copy, target.path), 'utf8').split('\n');
  const removed = lines[target.range.start.line].trim();
  lines[target.range.start.line] = '';
  writeFileSync(path.join(copy, target.path), lines.join('\n'));
  console.log(`  - blanked ${target.path}:${target.range.start.line + 1}: \`${removed}\``);

  const after = run('run after removing it', []);
  const summary = after.stdout.trim().split('\n').pop();
  const fixedLines = after.stdout.split('\n').filter((l) => l.startsWith('fixed since the baseline:'));
  console.log(`  - summary: \`\` ${summary} \`\``);
  for (const l of fixedLines) console.log(`  - \`${l}\``);
  expect('1 baseline entry fixed, and still only the new trap reported', /^1 trap in \d+ files \(\d+ baselined; 1 baseline entry fixed/.test(summary) && fixedLines.length === 1);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
process.exitCode = failures > 0 ? 1 : 0;
