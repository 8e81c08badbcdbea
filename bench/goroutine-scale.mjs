// The goroutine rules on generated pathological files (the cases of test/traps/goroutine-scale.test.ts, at the
// test's size and at twice and four times it): CPU seconds and wall time of the CLI on each file, so growth is
// visible. Usage: node bench/goroutine-scale.mjs [--cli path/to/cli.js] [--sizes 1,2,4] [--timeout 120]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const cli = path.resolve(option('--cli', path.join(root, 'server/out/cli.js')));
const factors = option('--sizes', '1,2,4').split(',').map(Number);
const timeoutSeconds = Number(option('--timeout', '120'));

const work = mkdtempSync(path.join(os.tmpdir(), 'go-traps-goroutine-scale-'));
const bundle = path.join(work, 'cases.mjs');
await esbuild.build({ entryPoints: [path.join(root, 'test/support/goroutine-cases.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'warning' });
const cases = await import(pathToFileURL(bundle).href);

const generators = [
  ['goroutines in one function', cases.manyGoroutines, 2000],
  ['nested go func', cases.nestedGoroutines, 1000],
  ['nested loops', cases.nestedLoops, 2500],
  ['goroutines per item', cases.manyFanOuts, 2500],
  ['websocket reads', cases.manyReads, 1250],
  ['goroutines with a cancelled context', cases.manyCancelled, 5000],
];

// Older builds have no result cache (and no option to turn it off).
const noCache = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('--no-cache') ? ['--no-cache'] : [];
console.log(`CLI: ${cli}\n`);
console.log('| case | size | statements | CPU s | wall s | findings |');
console.log('|---|---|---|---|---|---|');
for (const [name, generate, base] of generators) {
  for (const factor of factors) {
    const generated = generate(base * factor);
    const file = path.join(work, 'big.go');
    writeFileSync(file, generated.text);
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S %e', process.execPath, cli, file, '--rules', cases.GOROUTINE_RULES.join(','), '--format', 'json', ...noCache], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: timeoutSeconds * 1000,
    });
    const times = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(run.stderr ?? '');
    if (run.error || !times) {
      console.log(`| ${name} | ×${factor} | ${generated.statements} | — | > ${timeoutSeconds} (stopped) | — |`);
      continue;
    }
    let findings;
    try {
      findings = JSON.parse(run.stdout).findings.length;
    } catch {
      console.log(`| ${name} | ×${factor} | ${generated.statements} | — | — | the CLI failed: ${(run.stderr ?? '').split('\n')[0]} |`);
      continue;
    }
    const cpu = (Number(times[1]) + Number(times[2])).toFixed(2);
    console.log(`| ${name} | ×${factor} | ${generated.statements} | ${cpu} | ${times[3]} | ${findings} |`);
  }
}
rmSync(work, { recursive: true, force: true });
