// The CLI against the bare parse, on a copy of the Go standard library: cold runs with --jobs 1 and --jobs 2,
// an unchanged re-run (warm cache), and a re-run after one file changed. Each run's wall time, CPU time (user +
// system of the whole process, every worker thread included) and peak RSS come from /usr/bin/time -v; the bare
// parse is this script parsing the same files with the project's web-tree-sitter and grammar, one thread.
// Every report is compared with the first cold run's: they must be byte-identical.
// Usage: node bench/cli-speed.mjs [goSrcDir] [--keep]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/out/cli.js');
const source = realpathSync(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/usr/lib/go/src');
const work = mkdtempSync(path.join(os.tmpdir(), 'go-traps-speed-'));
const copy = path.join(work, 'src');
cpSync(source, copy, { recursive: true });

/** The files the CLI analyses with default settings: no vendor/testdata, no generated files, nothing over 1 MiB. */
function analysedFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      if (name !== 'vendor' && name !== 'testdata' && name !== 'node_modules' && name !== '.git') analysedFiles(full, out);
    } else if (name.endsWith('.go') && stat.size <= 1024 * 1024) {
      const text = readFileSync(full, 'utf8');
      if (!/^\/\/ Code generated .* DO NOT EDIT\.$/m.test(text.slice(0, 4096))) out.push(text);
    }
  }
  return out;
}

function bareParse() {
  const require = createRequire(path.join(root, 'bench', 'x.js'));
  const script = `
    const { Parser, Language } = require(${JSON.stringify(require.resolve('web-tree-sitter'))});
    const texts = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
    (async () => {
      await Parser.init({ locateFile: (n) => require('path').join(${JSON.stringify(path.join(root, 'grammars'))}, n) });
      const go = await Language.load(${JSON.stringify(path.join(root, 'grammars/tree-sitter-go.wasm'))});
      const parser = new Parser(); parser.setLanguage(go);
      const cpu = process.cpuUsage(); const start = performance.now();
      for (const t of texts) parser.parse(t).delete();
      const used = process.cpuUsage(cpu);
      console.log(JSON.stringify({ wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6, files: texts.length }));
    })();`;
  const list = path.join(work, 'texts.json');
  writeFileSync(list, JSON.stringify(analysedFiles(copy)));
  const result = spawnSync(process.execPath, ['-e', script, list], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

function timed(label, args, env) {
  const out = path.join(work, `${label}.json`);
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, '.', '--format', 'json', '--output', out, '--no-baseline', ...args], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  if (result.status === 2) throw new Error(`${label}: the CLI failed:\n${result.stderr.slice(-3000)}`);
  const field = (re) => re.exec(result.stderr)?.[1];
  const clock = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(result.stderr);
  const wall = clock ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : NaN;
  const cpu = Number(field(/User time \(seconds\): ([\d.]+)/)) + Number(field(/System time \(seconds\): ([\d.]+)/));
  const rssMb = Math.round(Number(field(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024);
  return { label, wall, cpu, rssMb, report: readFileSync(out, 'utf8') };
}

const parse = bareParse();
const runs = [];
for (const jobs of [1, 2]) {
  const cache = path.join(work, `cache-${jobs}`);
  rmSync(cache, { recursive: true, force: true });
  const env = { XDG_CACHE_HOME: cache };
  runs.push(timed(`cold, --jobs ${jobs}`, ['--jobs', String(jobs)], env));
  runs.push(timed(`warm (unchanged), --jobs ${jobs}`, ['--jobs', String(jobs)], env));
  // One declaration-bearing file changes: a comment at its end changes its content but not its declarations.
  appendFileSync(path.join(copy, 'net/http/client.go'), `\n// touched by cli-speed ${jobs}\n`);
  runs.push(timed(`one file changed, --jobs ${jobs}`, ['--jobs', String(jobs)], env));
}
const reference = runs[0].report;
const identical = (report) => {
  const strip = (r) => JSON.stringify(JSON.parse(r).findings);
  return strip(report) === strip(reference);
};

console.log(`## CLI speed on the Go standard library (${parse.files} files parsed by the bare parse)\n`);
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log(`Bare single-thread parse: wall ${parse.wall.toFixed(2)} s, CPU ${parse.cpu.toFixed(2)} s\n`);
console.log('| run | wall s | × parse wall | CPU s | × parse CPU | peak RSS MB | same findings as cold --jobs 1 |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const run of runs) {
  console.log(`| ${run.label} | ${run.wall.toFixed(2)} | ${(run.wall / parse.wall).toFixed(2)} | ${run.cpu.toFixed(2)} | ${(run.cpu / parse.cpu).toFixed(2)} | ${run.rssMb} | ${identical(run.report) ? 'yes' : 'NO'} |`);
}
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
