/**
 * The pipeline every front end shares: `analyze(files, settings) → findings`.
 *
 * Declarations first, then rules. Every file's package-level declarations are read from its text into the type
 * index (no syntax tree needed); then each file is parsed once, its rules run with the whole workspace's
 * declarations at hand, and its tree is freed before the next file. With `jobs` > 1 both steps run in worker
 * threads, each with its own parser and a copy of the declarations; results are put back in the files' order,
 * so the report is the same whatever the number of workers. With a cache, a file whose content, place and
 * looked-up declarations are unchanged is neither scanned nor parsed.
 */
import { knowledgeIndex } from '../go/knowledge';
import { loadGoLanguage } from '../go/parser';
import { TypeIndex } from '../go/type-index';
import { AnalysisProblem, AnalyzeResult, compareFindings, FileAnalysis, FileSummary } from './analyze';
import type { Settings } from './config';
import { GoModule, locateFile } from './domains';
import { Analysed, CacheSpec, Declared, FileWork } from './file-work';
import { dependencyFingerprint, Entry, hashText, ResultCache } from './result-cache';
import type { FileLocation } from './rule';
import type { Finding } from './types';
import { WorkerPool } from './worker-pool';
import type { WorkerResult } from './analysis-worker';

/** How `analyze` runs: progress, parallel workers, the result cache. */
export interface AnalyzeOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads that read, parse and analyse (default 1: this thread). More than one needs `fsPathOf` and
   * `workerScript`: workers read the files from disk themselves.
   */
  jobs?: number;
  /** The file a worker reads for an engine path. */
  fsPathOf?: (path: string) => string;
  /** The bundled worker (server/out/analysis-worker.js). */
  workerScript?: string;
  /** Reuse declarations and analyses of unchanged files from earlier runs. */
  cache?: CacheSpec;
  /** Run the checklist and coupling collectors (default true; the CLI's report does not need them). */
  collectors?: boolean;
  /**
   * Milliseconds one file may take (each pass); past it the file is skipped with a notice. Needs workers (one
   * is enough): work on this thread cannot be interrupted.
   */
  fileBudgetMs?: number;
  /**
   * Each worker's old-generation heap limit in MiB: V8 collects sooner instead of letting every worker's heap
   * grow far past what it keeps alive. A file that runs a worker out of memory is analysed on this thread.
   */
  workerHeapMb?: number;
  /** Up to this many files to analyse, one worker analyses them all (default 32; tests set 0 to use every worker). */
  oneWorkerUpTo?: number;
}

/** Where results came from, for reports and benchmarks. */
export interface AnalyzeStats {
  parsed: number;
  fromCache: number;
  /** The derived answers came from the cache (every file declares what it did in the run that stored them). */
  derivedReused?: boolean;
}

/** Files to analyse that one worker takes alone (see pass 2). */
const FEW_FILES = 32;

/** Declaration requests each worker has queued at once (see pass 1). */
const DECLARE_REQUESTS_IN_FLIGHT = 32;

export async function analyze(
  paths: readonly string[],
  read: (path: string) => Promise<string> | string,
  settings: Settings,
  modules: readonly GoModule[] = [],
  optionsOrProgress: AnalyzeOptions | ((done: number, total: number) => void) = {},
): Promise<AnalyzeResult & { stats: AnalyzeStats }> {
  const options: AnalyzeOptions = typeof optionsOrProgress === 'function' ? { onProgress: optionsOrProgress } : optionsOrProgress;
  await loadGoLanguage();
  const collectors = options.collectors ?? true;
  const work = new FileWork(settings, collectors, options.cache);
  const index = new TypeIndex(knowledgeIndex());
  const problems: AnalysisProblem[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const stats: AnalyzeStats = { parsed: 0, fromCache: 0 };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, paths.length));
  const wantsPool = (jobs > 1 || options.fileBudgetMs !== undefined) && options.fsPathOf && options.workerScript && paths.length > 0;
  const pool = wantsPool ? new WorkerPool(options.workerScript!, jobs, { settings, collectors, cache: options.cache }, { budgetMs: options.fileBudgetMs, maxHeapMb: options.workerHeapMb }) : undefined;
  const readText = async (path: string): Promise<string | undefined> => {
    try {
      return await read(path);
    } catch (error) {
      problems.push({ path, message: `cannot read: ${(error as Error).message}` });
      return undefined;
    }
  };
  const locations = paths.map((path) => locateFile(path, modules, settings));
  // A number per directory: its files are declared by one worker, which reads the directory's cache pack once.
  const directoryNumbers = new Map<string, number>();
  const directories = paths.map((path) => {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    let n = directoryNumbers.get(dir);
    if (n === undefined) directoryNumbers.set(dir, (n = directoryNumbers.size));
    return n;
  });

  try {
    // Pass 1: declarations. Many requests in flight: each answer is small and quick (a warm run's whole work is
    // here), and a worker waiting for its next request between answers sat idle for half of a warm run.
    const declared: (Declared | undefined)[] = new Array(paths.length);
    await eachInParallel(paths.length, pool ? pool.size * DECLARE_REQUESTS_IN_FLIGHT : 1, async (i) => {
      const path = paths[i];
      if (pool) {
        // Each worker keeps what it declares: pass 2 sends it only the other workers' declarations.
        const answer = await pool.request('declare', { path, fsPath: options.fsPathOf!(path), location: locations[i], keep: true }, directories[i]).catch(
          (error: Error): WorkerResult => ({ id: -1, error: `the analysis worker died: ${error.message}` }),
        );
        if (needsThisThread(answer)) {
          const text = await readText(path);
          if (text !== undefined) declared[i] = await work.declare(path, text, locations[i]);
        } else if (answer.budget) {
          skipped.push({ path, reason: answer.error! });
        } else {
          if (answer.error) problems.push({ path, message: `cannot read: ${answer.error}` });
          declared[i] = answer.declared;
        }
      } else {
        const text = await readText(path);
        if (text !== undefined) declared[i] = await work.declare(path, text, locations[i]);
      }
    });
    const planned: number[] = [];
    declared.forEach((entry, i) => {
      if (!entry) return;
      if ('skipped' in entry) skipped.push({ path: paths[i], reason: entry.skipped });
      else {
        index.setFile(paths[i], entry.packageKey, entry.decls);
        planned.push(i);
      }
    });

    // Derived answers (what leads to a type...) kept by the last run for exactly these declarations: a warm run, or
    // one after edits inside function bodies, need not work them out from every declaration again.
    const state = work.cache ? workspaceState(planned.map((i) => [paths[i], declared[i] as Exclude<Declared, { skipped: string }>])) : undefined;
    const presets = state === undefined ? undefined : work.cache?.readDerived(state);
    if (presets) index.presetDerived(presets);
    stats.derivedReused = presets !== undefined;

    // What the cache still holds right, now that every declaration is known.
    const results: (FileAnalysis | undefined)[] = new Array(paths.length);
    const toAnalyze: number[] = [];
    for (const i of planned) {
      const entry = declared[i] as Exclude<Declared, { skipped: string }>;
      const cached = entry.cached;
      if (cached && dependencyFingerprint(index, cached.dependencies) === cached.fingerprint) {
        results[i] = { summary: cached.summary, findings: cached.findings, problems: cached.problems };
        stats.fromCache++;
      } else {
        toAnalyze.push(i);
      }
    }

    // Pass 2: rules.
    let done = stats.fromCache;
    /** What the fresh analyses add to the cache: their looked-up declarations and fingerprint. */
    const fresh: (Analysed | undefined)[] = new Array(paths.length);
    // A few files (a re-run after an edit) are analysed by one worker: copying the index to every worker cost more.
    const workers = pool ? (toAnalyze.length <= (options.oneWorkerUpTo ?? FEW_FILES) ? 1 : pool.size) : 1;
    if (pool && toAnalyze.length > 0) pool.share(planned.map((i) => [paths[i], index.packageOf(paths[i])!, index.declsOf(paths[i])!]), workers, index.derivedFingerprints());
    await eachInParallel(toAnalyze.length, workers * 3, async (n) => {
      const i = toAnalyze[n];
      const path = paths[i];
      try {
        if (pool) {
          const answer = await pool.request('analyze', { path, fsPath: options.fsPathOf!(path), location: locations[i] });
          if (needsThisThread(answer)) {
            const text = await readText(path);
            if (text === undefined) return;
            fresh[i] = await work.analyze(path, text, locations[i], index);
          } else if (answer.budget) {
            skipped.push({ path, reason: answer.error! });
            return;
          } else {
            if (!answer.analysed) throw new Error(answer.error ?? 'the worker gave no result');
            fresh[i] = answer.analysed;
          }
        } else {
          const text = await readText(path);
          if (text === undefined) return;
          fresh[i] = await work.analyze(path, text, locations[i], index);
        }
        results[i] = fresh[i]!.analysis;
        stats.parsed++;
      } catch (error) {
        problems.push({ path, message: `cannot analyze: ${(error as Error).message}` });
      }
      options.onProgress?.(++done, planned.length);
    });
    options.onProgress?.(planned.length, planned.length);
    if (work.cache) {
      const derived = index.derivedFingerprints();
      for (const analysed of fresh) Object.assign(derived, analysed?.derived);
      if (state !== undefined && (!presets || Object.keys(derived).some((key) => presets[key] !== derived[key]))) work.cache.storeDerived(state, derived);
      await storeInCache(work.cache, paths, planned, declared as Exclude<Declared, { skipped: string }>[], results, fresh);
      await work.cache.trim();
    }

    return finish(work, results, problems, skipped, stats);
  } finally {
    await pool?.close();
  }
}

/**
 * Writes the packs of the directories where some file was analysed afresh, with every analysed file of the
 * directory (cached results included), so that the next run finds them all.
 */
async function storeInCache(
  cache: ResultCache,
  paths: readonly string[],
  planned: readonly number[],
  declared: readonly Exclude<Declared, { skipped: string }>[],
  results: readonly (FileAnalysis | undefined)[],
  fresh: readonly (Analysed | undefined)[],
): Promise<void> {
  const byPack = new Map<string, number[]>();
  for (const i of planned) {
    const pack = cache.packOf(paths[i]);
    const list = byPack.get(pack);
    if (list) list.push(i);
    else byPack.set(pack, [i]);
  }
  for (const files of byPack.values()) {
    if (!files.some((i) => fresh[i])) continue;
    const entries: Record<string, Entry> = {};
    for (const i of files) {
      const { key, decls, declsHash, cached } = declared[i];
      const result = results[i];
      const analysed = fresh[i];
      if (!key || !result) continue;
      if (analysed?.fingerprint !== undefined) entries[key] = { decls, declsHash, analysis: { ...result, dependencies: analysed.dependencies, fingerprint: analysed.fingerprint } };
      else if (cached && !analysed) entries[key] = { decls, declsHash, analysis: cached };
    }
    await cache.storePack(paths[files[0]], entries);
  }
}

/**
 * One hash of every planned file's path, package and declarations' hash, in order: the same exactly when the type
 * index is. Undefined when some file's declarations have no hash.
 */
function workspaceState(files: readonly [path: string, declared: Exclude<Declared, { skipped: string }>][]): string | undefined {
  const parts: string[] = [];
  for (const [path, declared] of files) {
    if (declared.declsHash === undefined) return undefined;
    parts.push(`${path}\u0000${declared.packageKey}\u0000${declared.declsHash}`);
  }
  return hashText(parts.join('\n'));
}

/**
 * This thread does the file instead: a worker gave it up for want of heap (under `workerHeapMb`; this thread has no
 * such limit), or the pool has no worker left.
 */
function needsThisThread(answer: WorkerResult): boolean {
  return answer.unavailable === true || (answer.budget === true && /out of memory/.test(answer.error ?? ''));
}

/** Runs `task(0..count-1)` with at most `width` of them in flight, each taking the next index when it is done. */
async function eachInParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

/** Workspace rules over every file's facts, then each file's suppressions; findings in a stable order. */
function finish(
  work: FileWork,
  results: readonly (FileAnalysis | undefined)[],
  problems: AnalysisProblem[],
  skipped: { path: string; reason: string }[],
  stats: AnalyzeStats,
): AnalyzeResult & { stats: AnalyzeStats } {
  const engine = work.engine;
  const summaries: FileSummary[] = [];
  const fileFindings = new Map<string, Finding[]>();
  for (const result of results) {
    if (!result) continue;
    summaries.push(result.summary);
    fileFindings.set(result.summary.location.path, result.findings);
    problems.push(...result.problems);
  }
  const workspace = engine.workspaceFindings(summaries);
  problems.push(...workspace.problems);
  const findings: Finding[] = [];
  for (const summary of summaries) {
    const path = summary.location.path;
    const all = [...(fileFindings.get(path) ?? []), ...(workspace.byPath.get(path) ?? [])];
    findings.push(...engine.finalize(path, all, summary.directives));
  }
  return { findings: findings.sort(compareFindings), problems, skipped, filesAnalyzed: summaries.length, stats };
}

export type { FileLocation };
