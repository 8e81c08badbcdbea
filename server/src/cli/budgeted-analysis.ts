/**
 * The CLI's analysis under a per-file time budget. `analyze` runs in a worker thread that reports each file
 * it reads (the engine reads a file right before each of its passes over it: declarations, then rules); a
 * file that holds the worker past the budget (or runs it out of memory) is skipped with a notice, and the
 * analysis starts again without it. Synchronous work cannot be interrupted on its own thread, so the worker is
 * what lets the CLI finish whatever one file does. With several engine workers (`jobs`) files are read by
 * them, out of sight: a stall there is not pinned on a file, so the analysis runs again on one thread, where
 * it is.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as path from 'node:path';
import { analyze, AnalyzeResult } from '../engine/analyze';
import type { Settings } from '../engine/config';
import type { GoModule } from '../engine/domains';
import { parseGo } from '../go/parser';
import type { CacheSpec } from '../engine/file-work';
import { readTextFile } from './safe-fs';

export const DEFAULT_FILE_BUDGET_MS = 20_000;

interface Job {
  paths: string[];
  base: string;
  settings: Settings;
  modules: GoModule[];
  jobs: number;
  cache?: CacheOptions;
  analysisWorker?: string;
}

/** The engine's result cache, named by what a worker thread needs to open it. */
export type CacheOptions = CacheSpec;

type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'reading'; path: string }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'result'; result: AnalyzeResult };

const JOB_KEY = 'goTrapsAnalysisJob';

/** True inside the analysis worker: the bundle's entry point then runs the job instead of the command line. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && !!(workerData as Record<string, unknown> | undefined)?.[JOB_KEY];
}

/** The worker's side: warm the parser (so its start-up is not charged to the first file), then analyse. */
export async function runAnalysisWorker(): Promise<void> {
  const job = (workerData as Record<string, Job>)[JOB_KEY];
  (await parseGo('package p\n')).delete();
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  post({ kind: 'ready' });
  const read = (p: string) => {
    post({ kind: 'reading', path: p });
    return readTextFile(path.resolve(job.base, p));
  };
  const result = await analyze(job.paths, read, job.settings, job.modules, {
    onProgress: (done, total) => post({ kind: 'progress', done, total }),
    jobs: job.jobs,
    fsPathOf: (p) => path.resolve(job.base, p),
    workerScript: job.analysisWorker,
    cache: job.cache,
    // The checklist and coupling facts feed the editor's views, not the CLI's report.
    collectors: false,
  });
  post({ kind: 'result', result });
}

export interface BudgetOptions {
  /** Milliseconds one file may hold the analysis. */
  fileBudgetMs: number;
  /** The script that runs the worker: the CLI bundle itself. */
  script: string;
  /** The engine's own worker threads, and the script they run. */
  jobs?: number;
  analysisWorker?: string;
  cache?: CacheOptions;
  onProgress?: (done: number, total: number) => void;
  /** Told of each file skipped, as it happens. */
  onSkip?: (path: string, reason: string) => void;
}

/** `analyze` for the CLI: the same result, with files past the budget among `skipped`. */
export async function analyzeWithBudget(paths: readonly string[], base: string, settings: Settings, modules: readonly GoModule[], options: BudgetOptions): Promise<AnalyzeResult> {
  const skipped = new Map<string, string>();
  let jobs = Math.max(1, options.jobs ?? 1);
  for (;;) {
    const remaining = paths.filter((p) => !skipped.has(p));
    const job: Job = { paths: remaining, base, settings, modules: [...modules], jobs, cache: options.cache, analysisWorker: options.analysisWorker };
    const outcome = await runOnce(job, options);
    if ('result' in outcome) {
      outcome.result.skipped.push(...[...skipped].map(([p, reason]) => ({ path: p, reason })));
      return outcome.result;
    }
    if (jobs > 1) {
      jobs = 1;
      continue;
    }
    skipped.set(outcome.path, outcome.reason);
    options.onSkip?.(outcome.path, outcome.reason);
  }
}

type Outcome = { result: AnalyzeResult } | { path: string; reason: string };

function runOnce(job: Job, options: BudgetOptions): Promise<Outcome> {
  const budget = options.fileBudgetMs;
  // The workspace rules run once over every file's facts; they get the budget of many files.
  const workspaceBudget = Math.max(60_000, budget * 5);
  return new Promise((resolve, reject) => {
    const worker = new Worker(options.script, { workerData: { [JOB_KEY]: job } });
    /** The file being worked on: the last one read; undefined before the first and once all are analysed. */
    let current: string | undefined;
    let started = false;
    let since = Date.now();
    let settled = false;
    const finish = (outcome: Outcome | Error) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const watchdog = setInterval(() => {
      if (!started) return;
      const limit = current !== undefined ? budget : workspaceBudget;
      if (Date.now() - since <= limit) return;
      if (current !== undefined) finish({ path: current, reason: `analysis took longer than the per-file budget of ${seconds(budget)}, skipped` });
      else finish(new Error(`the workspace rules did not finish within ${seconds(workspaceBudget)}`));
    }, Math.max(10, Math.min(250, budget / 4)));
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') started = true;
      else if (message.kind === 'reading') current = message.path;
      else if (message.kind === 'progress') {
        // The last progress report comes once every file is analysed: what follows is the workspace rules.
        if (message.done === message.total) current = undefined;
        options.onProgress?.(message.done, message.total);
      } else finish({ result: message.result });
      since = Date.now();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && current !== undefined) finish({ path: current, reason: 'analysis ran out of memory, skipped' });
      else finish(error);
    });
    worker.on('exit', (code) => finish(new Error(`the analysis worker stopped (exit code ${code})`)));
  });
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
