// Robustness run on the Go standard library: analyse it all, count findings per rule, measure time and peak
// memory, then apply every safe fix on a copy and check each touched file with `gofmt -e`.
// Usage: node bench/stdlib.mjs [goSrcDir] [--no-fix]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/out/cli.js');
// Debian's /usr/lib/go/src is a symlink; copy and compare the real folder.
const src = realpathSync(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/usr/lib/go/src');
const withFix = !process.argv.includes('--no-fix');

/** Runs the CLI under /usr/bin/time -v; returns wall seconds, peak RSS (MB) and the parsed JSON report. */
function timedRun(cwd, args) {
  const out = path.join(os.tmpdir(), `go-traps-stdlib-${process.pid}-${Date.now()}.json`);
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args, '--format', 'json', '--output', out], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status === 2) throw new Error(`the CLI failed (exit 2):\n${result.stderr.slice(-4000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return { seconds, peakMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN, report, exit: result.status, stderr: result.stderr };
}

function countByRule(findings) {
  const counts = {};
  for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

const analysis = timedRun(src, ['.']);
const counts = countByRule(analysis.report.findings);
console.log(`## Go standard library run (${src})\n`);
console.log(`- files analysed: ${analysis.report.filesAnalyzed}, skipped: ${analysis.report.skipped.length}, engine problems: ${analysis.report.problems.length}`);
console.log(`- wall time: ${analysis.seconds.toFixed(1)} s, peak RSS: ${analysis.peakMb} MB, exit code: ${analysis.exit}`);
console.log(`- findings: ${analysis.report.findings.length}\n`);
console.log('| rule | findings |\n|---|---|');
for (const [rule, n] of Object.entries(counts)) console.log(`| ${rule} | ${n} |`);
for (const p of analysis.report.problems.slice(0, 10)) console.log(`\nproblem: ${p.path} ${p.ruleId}: ${p.message.split('\n')[0]}`);

if (withFix) {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'go-traps-stdlib-fix-'));
  cpSync(src, copy, { recursive: true });
  const fixed = timedRun(copy, ['.', '--fix']);
  const applied = [...fixed.stderr.matchAll(/applied (\d+) fix\(es\) in (\d+) file/g)].reduce((n, m) => n + Number(m[1]), 0);
  const changed = execFileSync('bash', ['-c', `diff -rq ${JSON.stringify(src)} ${JSON.stringify(copy)} | grep '^Files' | awk '{print $4}'`], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .split('\n')
    .filter((f) => f.endsWith('.go'));
  const rejected = [];
  const unformatted = [];
  for (const file of changed) {
    const check = spawnSync('gofmt', ['-e', '-l', file], { encoding: 'utf8' });
    if (check.status !== 0) rejected.push(`${path.relative(copy, file)}: ${check.stderr.split('\n')[0]}`);
    else if (check.stdout.trim()) unformatted.push(path.relative(copy, file));
  }
  console.log(`\n## --fix on a copy\n`);
  console.log(`- fixes applied: ${applied}, files changed: ${changed.length}, files gofmt -e rejects: ${rejected.length}, files not gofmt-clean: ${unformatted.length}`);
  for (const u of unformatted.slice(0, 20)) console.log(`  - not gofmt-clean: ${u}`);
  console.log(`- findings left after fixing: ${fixed.report.findings.length} (${JSON.stringify(countByRule(fixed.report.findings))})`);
  for (const r of rejected.slice(0, 20)) console.log(`  - ${r}`);
  rmSync(copy, { recursive: true, force: true });
  if (rejected.length > 0) process.exitCode = 1;
}
