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
import type { FileDecls } from '../go/declarations';
import type { TypeIndex } from '../go/type-index';
import { ANALYSIS_BUDGET_MS } from './crash-guard';

/** A file's declarations read by a worker, or why the file is not analysed. */
export type WorkerDeclaration = { skipped: string } | { packageKey: string; decls: FileDecls };

type IndexFiles = [path: string, packageKey: string, decls: FileDecls][];

export class FolderWorkers {
  private pool: WorkerPool | undefined;
  private poolSettings = '';

  constructor(
    /** The bundled worker (server/out/analysis-worker.js). */
    private readonly script: string,
    /** The folder's type index, which the workers copy. */
    private readonly types: TypeIndex,
    private readonly jobs = os.availableParallelism(),
  ) {}

  /** How many requests the pool works on at once (the scan keeps a few more in flight). */
  get width(): number {
    return this.pool?.size ?? this.jobs;
  }

  /**
   * The pool for these settings, started on first use; settings that changed replace it (a new engine), and the
   * new workers start from the folder's current declarations.
   */
  private poolFor(settings: Settings): WorkerPool {
    const key = JSON.stringify(settings);
    if (this.pool && key === this.poolSettings) return this.pool;
    void this.pool?.close();
    this.pool = new WorkerPool(this.script, this.jobs, { settings, collectors: true }, { budgetMs: ANALYSIS_BUDGET_MS });
    this.poolSettings = key;
    this.pool.update(this.allFiles(), [], true);
    return this.pool;
  }

  /** Sends the workers these files' declarations as the folder's index now holds them (or their removal). */
  sync(paths: Iterable<string>): void {
    if (!this.pool) return;
    const files: IndexFiles = [];
    const removed: string[] = [];
    for (const path of paths) {
      const decls = this.types.declsOf(path);
      const packageKey = this.types.packageOf(path);
      if (decls && packageKey !== undefined) files.push([path, packageKey, decls]);
      else removed.push(path);
    }
    if (files.length > 0 || removed.length > 0) this.pool.update(files, removed);
  }

  /** Sends the workers the folder's whole index, replacing what they hold (after a scan's declarations, a clear). */
  syncAll(): void {
    this.pool?.update(this.allFiles(), [], true);
  }

  private allFiles(): IndexFiles {
    const files: IndexFiles = [];
    for (const pkg of this.types.packages()) {
      for (const path of this.types.filesOf(pkg)) {
        const decls = this.types.declsOf(path);
        if (decls) files.push([path, pkg, decls]);
      }
    }
    return files;
  }

  /** A file's declarations, read from disk by a worker. */
  async declare(settings: Settings, path: string, fsPath: string, location: FileLocation): Promise<WorkerDeclaration> {
    try {
      const answer = await this.poolFor(settings).request('declare', { path, fsPath, location });
      if (answer.declared) return 'skipped' in answer.declared ? answer.declared : { packageKey: answer.declared.packageKey, decls: answer.declared.decls };
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
      const answer = await this.poolFor(settings).request('analyze', { path, fsPath, location, record: true, ...(text !== undefined ? { text } : {}) });
      if (!answer.analysed) return { skipped: answer.error ?? 'the analysis worker gave no answer', problems: [] };
      const { analysis, dependencies } = answer.analysed;
      return { entry: { summary: analysis.summary, findings: analysis.findings, dependencies }, problems: analysis.problems };
    } catch (error) {
      return { skipped: (error as Error).message, problems: [] };
    }
  }

  /** Ends the workers (shutdown, folder removed); a later request starts new ones. */
  dispose(): void {
    void this.pool?.close();
    this.pool = undefined;
  }
}
