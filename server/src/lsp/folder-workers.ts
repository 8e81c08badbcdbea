/**
 * A workspace folder's worker threads (engine/worker-pool.ts, running engine/analysis-worker.ts). The scan's
 * declarations and analyses, closed files read again from disk, and the full analyses of open documents run
 * there, so the main thread keeps to keystrokes. The workers' type index mirrors the folder's: the session
 * calls `sync` after every change it makes to it. A worker that dies or overruns the budget costs one file,
 * reported as skipped, never the server.
 */
import * as os from 'node:os';
import type { Settings } from '../engine/config';
import type { FileLocation } from '../engine/rule';
import type { IndexedFile } from '../engine/workspace-index';
import { WorkerPool } from '../engine/worker-pool';
import type { WorkerResult } from '../engine/analysis-worker';
import type { FileDecls } from '../go/declarations';
import type { TypeIndex } from '../go/type-index';
import { ANALYSIS_BUDGET_MS } from './crash-guard';

/** A file's declarations read by a worker (with its text's hash), why the file is not analysed, or "as you had them". */
export type WorkerDeclaration = { skipped: string } | { unchanged: true } | { packageKey: string; decls: FileDecls; hash?: string };

type IndexFiles = [path: string, packageKey: string, decls: FileDecls][];

/**
 * How much of a whole index one message carries: at most this many files, and about this many declarations (the
 * standard library averages 28 a file, a generated file of Windows error constants 9,316). Slices by file count
 * alone put such files with 199 others: one message held this thread 60–80 ms.
 */
const REPLAY_SLICE_FILES = 200;
const REPLAY_SLICE_DECLARATIONS = 1500;

/**
 * A worker's heap limit to start with (MiB; GO_TRAPS_WORKER_HEAP_MB=N to choose). Left alone, V8 lets each worker's
 * heap grow far past what it keeps alive; a limit makes it collect sooner, at some CPU (the standard library with
 * two workers: peak RSS 442 MiB without a limit, 355 MiB at 96; at 64 a worker once ran out). A request that runs
 * out of it is asked again of workers with twice the limit.
 */
export const WORKER_HEAP_MB = Math.max(32, Number(process.env.GO_TRAPS_WORKER_HEAP_MB) || 96);
/** The limit never grows past this: a file that needs more is skipped with a notice. */
const MAX_WORKER_HEAP_MB = 4096;

/** Workers while a scan runs: every core (GO_TRAPS_JOBS=N to choose). */
export const SCAN_JOBS = Math.max(1, Number(process.env.GO_TRAPS_JOBS) || os.availableParallelism());

export class FolderWorkers {
  private pool: WorkerPool | undefined;
  private poolSettings = '';
  /** Workers for the next pool: SCAN_JOBS while a scan runs, one for the full analyses of open documents. */
  private jobs = 1;
  private disposed = false;
  /** Settles once the current pool holds the whole index (it is sent in slices, see `replay`). */
  private ready: Promise<void> = Promise.resolve();
  private heapMb = WORKER_HEAP_MB;

  constructor(
    /** The bundled worker (server/out/analysis-worker.js). */
    private readonly script: string,
    /** The folder's type index, which the workers copy. */
    private readonly types: TypeIndex,
    /** A line for the server's log. */
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** How many requests the pool works on at once (the scan keeps a few more in flight). */
  get width(): number {
    return this.pool?.size ?? this.jobs;
  }

  /**
   * A scan starts (every core) or ends (one worker). After a scan the scan's workers go: each holds a copy of the
   * index grown with the caches of every package it resolved, and the garbage of thousands of files. The next
   * request starts one fresh worker from the folder's declarations.
   */
  scanning(active: boolean): void {
    const jobs = active ? SCAN_JOBS : 1;
    if (jobs === this.jobs && (active || !this.pool)) return;
    this.jobs = jobs;
    this.retire();
  }

  /**
   * The pool for these settings, started on first use; settings that changed replace it (a new engine), and the
   * new workers start from the folder's current declarations.
   */
  private poolFor(settings: Settings): WorkerPool {
    const key = JSON.stringify(settings);
    if (this.pool && key === this.poolSettings) return this.pool;
    this.retire();
    this.pool = new WorkerPool(this.script, this.jobs, { settings, collectors: true, background: true }, { budgetMs: ANALYSIS_BUDGET_MS, maxHeapMb: this.heapMb });
    this.poolSettings = key;
    this.ready = this.replay(this.pool);
    return this.pool;
  }

  /**
   * Sends a pool the folder's whole index in slices, yielding between them: one message of the standard library's
   * declarations would hold this thread (and the keys typed meanwhile) while it is serialised. Each slice reads
   * the index as it is when sent; changes made meanwhile go out through `sync`.
   */
  private async replay(pool: WorkerPool): Promise<void> {
    const paths = this.allPaths();
    const slices = replaySlices(paths, (path) => declarationCount(this.types.declsOf(path)));
    for (let i = 0; i < slices.length; i++) {
      if (i > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.pool !== pool) return;
      }
      pool.update(this.filesOf(slices[i]), [], i === 0);
    }
  }

  /** Sends the workers these files' declarations as the folder's index now holds them (or their removal). */
  sync(paths: Iterable<string>): void {
    if (!this.pool) return;
    const list = [...paths];
    const files = this.filesOf(list);
    const removed = list.filter((path) => !this.types.declsOf(path));
    if (files.length > 0 || removed.length > 0) this.pool.update(files, removed);
  }

  /**
   * Sends the workers the folder's whole index, replacing what they hold (after a scan's declarations, a clear);
   * requests wait until it is all there.
   */
  syncAll(): Promise<void> {
    if (!this.pool) return Promise.resolve();
    this.ready = this.replay(this.pool);
    return this.ready;
  }

  private filesOf(paths: readonly string[]): IndexFiles {
    const files: IndexFiles = [];
    for (const path of paths) {
      const decls = this.types.declsOf(path);
      const packageKey = this.types.packageOf(path);
      if (decls && packageKey !== undefined) files.push([path, packageKey, decls]);
    }
    return files;
  }

  /**
   * A request to the current pool; one cut short because the pool was replaced on purpose (the start or end of a
   * scan) is asked again of the new one.
   */
  private async ask<T extends 'declare' | 'analyze'>(settings: Settings, type: T, payload: object): Promise<WorkerResult> {
    for (;;) {
      if (this.disposed) throw new Error('the analysis workers were closed');
      const pool = this.poolFor(settings);
      await this.ready;
      if (this.pool !== pool) continue;
      let answer: WorkerResult;
      try {
        answer = await pool.request(type, payload as never);
      } catch (error) {
        // Workers for newer settings took over: this request is obsolete (asking again would replace them back).
        if (this.pool === pool || this.disposed || (this.pool && this.poolSettings !== JSON.stringify(settings))) throw error;
        continue;
      }
      // Out of memory, or workers that keep dying at start-up (a heap too small for the index): more heap, again.
      const starved = (answer.budget && /out of memory/.test(answer.error ?? '')) || answer.unavailable;
      if (!(starved && this.heapMb < MAX_WORKER_HEAP_MB)) return answer;
      if (this.pool === pool) {
        this.heapMb *= 2;
        this.log(`go-traps: ${answer.error ?? 'an analysis worker ran out of memory'}; workers now get ${this.heapMb} MiB`);
        this.retire();
      }
    }
  }

  /** Every file the folder's index declares, package by package. */
  private allPaths(): string[] {
    const paths: string[] = [];
    for (const pkg of this.types.packages()) for (const path of this.types.filesOf(pkg)) if (this.types.declsOf(path)) paths.push(path);
    return paths;
  }

  /**
   * A file's declarations, read from disk by a worker, with its text's hash; `knownHash` is the hash of the text the
   * caller's declarations came from: when the file still has it, the answer is `unchanged` and nothing is read.
   */
  async declare(settings: Settings, path: string, fsPath: string, location: FileLocation, knownHash?: string): Promise<WorkerDeclaration> {
    try {
      const answer = await this.ask(settings, 'declare', { path, fsPath, location, hashes: true, ...(knownHash !== undefined ? { knownHash } : {}) });
      if (answer.unchanged) return { unchanged: true };
      if (answer.declared) return 'skipped' in answer.declared ? answer.declared : { packageKey: answer.declared.packageKey, decls: answer.declared.decls, hash: answer.hash };
      return { skipped: answer.error ?? 'the analysis worker gave no answer' };
    } catch (error) {
      return { skipped: (error as Error).message };
    }
  }

  /**
   * Parses and analyses a file in a worker against the workers' index: from disk, or `text` (an open
   * document's buffer). The tree lives and dies in the worker.
   */
  async analyze(settings: Settings, path: string, fsPath: string, location: FileLocation, text?: string): Promise<IndexedFile> {
    try {
      const answer = await this.ask(settings, 'analyze', { path, fsPath, location, record: true, ...(text !== undefined ? { text } : {}) });
      if (!answer.analysed) return { skipped: answer.error ?? 'the analysis worker gave no answer', problems: [] };
      const { analysis, dependencies } = answer.analysed;
      return { entry: { summary: analysis.summary, findings: analysis.findings, dependencies }, problems: analysis.problems };
    } catch (error) {
      return { skipped: (error as Error).message, problems: [] };
    }
  }

  /** Ends the current workers; the next request starts new ones. */
  private retire(): void {
    void this.pool?.close();
    this.pool = undefined;
  }

  /** Ends the workers for good (shutdown, folder removed): requests fail from now on. */
  dispose(): void {
    this.disposed = true;
    this.retire();
  }
}

/**
 * Cuts a whole index into messages: at most REPLAY_SLICE_FILES files and about REPLAY_SLICE_DECLARATIONS
 * declarations each (a file larger than that goes alone), in order; always at least one, which resets the workers.
 */
export function replaySlices(paths: readonly string[], declarationsOf: (path: string) => number): string[][] {
  const slices: string[][] = [];
  let slice: string[] = [];
  let weight = 0;
  for (const path of paths) {
    const declarations = declarationsOf(path);
    if (slice.length > 0 && (slice.length === REPLAY_SLICE_FILES || weight + declarations > REPLAY_SLICE_DECLARATIONS)) {
      slices.push(slice);
      slice = [];
      weight = 0;
    }
    slice.push(path);
    weight += declarations;
  }
  slices.push(slice);
  return slices;
}

/** How many declarations a file's entry holds: what its share of a replayed index costs to send. */
function declarationCount(decls: FileDecls | undefined): number {
  if (!decls) return 0;
  let count = decls.imports.length;
  for (const table of [decls.types, decls.values, decls.funcs, decls.methods]) for (const _ in table) count++;
  return count;
}
