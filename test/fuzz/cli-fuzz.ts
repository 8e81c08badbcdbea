/**
 * Mutants of the fixtures and of the Go standard library, in batches, through the built CLI (sometimes with a
 * random config, sometimes with --fix and a second run): no internal error, no rule failure, no hang.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomConfigText } from './config-fuzz';
import { mutantBytes, mutateText, Random } from './mutate';
import type { FuzzReport, FuzzSection } from './report';
import { goFilesBelow } from '../support/go-files';

/** Sources small enough to mutate quickly. */
export function fuzzSources(repoRoot: string): string[] {
  const fixtures = goFilesBelow(path.join(repoRoot, 'test-fixtures'));
  const stdlib = goFilesBelow('/usr/lib/go/src').filter((f) => statSync(f).size < 60_000);
  return [...fixtures, ...fixtures, ...stdlib];
}

const BATCH = 16;
/** The CLI's own per-file budget in the fuzz runs; a run longer than the hang limit is a hang. */
const FILE_BUDGET_S = 20;
const HANG_MS = 180_000;

interface Run {
  code: number | null;
  stderr: string;
  report?: { problems: { path: string; ruleId?: string; message: string }[]; skipped: { path: string; reason: string }[] };
  timedOut: boolean;
}

function runCli(cli: string, dir: string, args: string[]): Run {
  const out = path.join(dir, '..', `${path.basename(dir)}.json`);
  const result = spawnSync(process.execPath, [cli, '.', '--format', 'json', '--output', out, '--file-budget', String(FILE_BUDGET_S), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: HANG_MS,
    env: { ...process.env, LANG: 'C' },
  });
  let report: Run['report'];
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    report = undefined;
  }
  rmSync(out, { force: true });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: result.status, stderr: result.stderr ?? '', report, timedOut };
}

function judge(section: FuzzSection, run: Run, files: Record<string, Buffer | string>, what: string): void {
  if (run.timedOut) return section.hang(`${what}: the CLI ran past ${HANG_MS / 1000} s`, files);
  if (/internal error/.test(run.stderr) || !run.report) return section.crash(`${what}: exit ${run.code}\n${run.stderr.slice(-3000)}`, files);
  const failures = run.report.problems.filter((p) => p.ruleId);
  if (failures.length > 0) section.crash(`${what}: rule ${failures[0].ruleId} failed on ${failures[0].path}: ${failures[0].message}`, files);
  const slow = run.report.skipped.filter((s) => /per-file budget|out of memory/.test(s.reason));
  section.overBudget += slow.length;
  for (const s of slow) section.notes.push(`over budget: ${s.path}: ${s.reason}`);
}

export function fuzzCli(random: Random, deadline: number, report: FuzzReport, repoRoot: string, sources: readonly string[]): void {
  const section = report.section('CLI mutants');
  const cli = path.join(repoRoot, 'server', 'out', 'cli.js');
  const root = mkdtempSync(path.join(tmpdir(), 'go-traps-fuzz-cli-'));
  try {
    while (Date.now() < deadline) {
      const dir = path.join(root, `batch-${section.iterations}`);
      const files: Record<string, Buffer | string> = { 'go.mod': `module example.com/fuzz\n\ngo 1.${random.int(24)}\n` };
      if (random.chance(0.3)) files['.go-traps.json'] = randomConfigText(random);
      for (let i = 0; i < BATCH; i++) {
        const source = random.pick(sources);
        let text = readFileSync(source, 'utf8');
        for (let m = 0; m < 1 + random.int(4); m++) text = mutateText(random, text);
        files[`${random.pick(['internal/user', 'internal/order', 'cmd/app', 'pkg/x'])}/f${i}.go`] = mutantBytes(random, text.slice(0, 400_000));
      }
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      const fix = random.chance(0.25);
      judge(section, runCli(cli, dir, fix ? ['--fix'] : []), files, fix ? '--fix run' : 'run');
      if (fix) judge(section, runCli(cli, dir, []), files, 'run after --fix');
      rmSync(dir, { recursive: true, force: true });
      section.iterations++;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
