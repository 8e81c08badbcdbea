/**
 * `npm run fuzz [-- --seconds N] [--seed N] [--only cli,trees,server,config]`: the fuzz suite, outside the
 * default test run. The time (default 60 s, or GO_TRAPS_FUZZ_SECONDS) is shared by the fuzzers; failing
 * inputs are saved under the temp folder and the exit status is 1 when any crash, hang or difference was seen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/lsp-client';
import { fuzzCli, fuzzSources } from './cli-fuzz';
import { fuzzConfig } from './config-fuzz';
import { fuzzServer, fuzzTrees } from './lsp-fuzz';
import { Random } from './mutate';
import { FuzzReport } from './report';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Each fuzzer's share of the time. */
const SHARES = { cli: 0.4, server: 0.25, trees: 0.2, config: 0.15 } as const;
type Fuzzer = keyof typeof SHARES;

async function main(): Promise<number> {
  const seconds = Number(option('seconds') ?? process.env.GO_TRAPS_FUZZ_SECONDS ?? 60);
  const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const only = (option('only')?.split(',') ?? Object.keys(SHARES)) as Fuzzer[];
  if (!Number.isFinite(seconds) || seconds <= 0 || only.some((f) => !(f in SHARES))) {
    process.stderr.write('usage: run-fuzz [--seconds N] [--seed N] [--only cli,server,trees,config]\n');
    return 2;
  }
  const root = repoRoot();
  const report = new FuzzReport(mkdtempSync(path.join(tmpdir(), 'go-traps-fuzz-')));
  const sources = fuzzSources(root);
  const total = only.reduce((sum, f) => sum + SHARES[f], 0);
  const started = Date.now();
  for (const fuzzer of only) {
    const deadline = Date.now() + (seconds * 1000 * SHARES[fuzzer]) / total;
    const random = new Random(seed + fuzzer.length);
    process.stderr.write(`fuzz: ${fuzzer} for ${((deadline - Date.now()) / 1000).toFixed(0)} s\n`);
    if (fuzzer === 'cli') fuzzCli(random, deadline, report, root, sources);
    else if (fuzzer === 'server') await fuzzServer(random, deadline, report, sources);
    else if (fuzzer === 'trees') await fuzzTrees(random, deadline, report, sources);
    else fuzzConfig(random, deadline, report);
  }
  process.stdout.write(report.summary((Date.now() - started) / 1000, seed) + '\n');
  return report.sections.some((s) => s.failed) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fuzz: ${(error as Error).stack}\n`);
    process.exit(2);
  },
);
