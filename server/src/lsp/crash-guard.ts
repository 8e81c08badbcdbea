/**
 * Keeps the editor from restarting the server into the same crash. Before a file is analysed its name is
 * written to a small journal (one per workspace, in the extension's storage or the temp folder); after, it is
 * cleared. A server that dies mid-analysis (out of memory, a stack overflow, a bug) leaves the name behind,
 * and the next server skips that file, with a notice, until the file changes on disk. A file whose analysis
 * took longer than the budget is held back the same way: the server cannot interrupt it, but it need not
 * pay for it twice.
 */
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Analyses slower than this hold the file back until it changes. */
export const ANALYSIS_BUDGET_MS = 10_000;

interface HeldFile {
  reason: string;
  /** The file's size and modification time when it was held back: a change releases it. */
  stamp: string;
}

interface Journal {
  /** The file being analysed right now, if any. */
  analysing?: string;
  held: Record<string, HeldFile>;
}

export class CrashGuard {
  private readonly held = new Map<string, HeldFile>();
  private fd: number | undefined;
  private current: { file: string; started: number } | undefined;
  /** Files found held at start-up, for one notice. */
  readonly heldAtStart: { file: string; reason: string }[] = [];

  constructor(
    /** Journal file; undefined turns the guard off (it then only measures). */
    readonly journal: string | undefined,
    private readonly budgetMs = ANALYSIS_BUDGET_MS,
  ) {
    if (!journal) return;
    try {
      const previous = JSON.parse(readFileSync(journal, 'utf8')) as Journal;
      for (const [file, entry] of Object.entries(previous.held ?? {})) if (typeof entry?.reason === 'string') this.held.set(file, entry);
      if (typeof previous.analysing === 'string') this.hold(previous.analysing, 'the Go Traps server stopped while analyzing it');
    } catch {
      // No journal yet, or an unreadable one: nothing is held.
    }
    for (const [file, { reason }] of this.held) this.heldAtStart.push({ file, reason });
    try {
      mkdirSync(path.dirname(journal), { recursive: true });
      this.fd = openSync(journal, 'w');
      this.save();
    } catch {
      this.fd = undefined;
    }
  }

  /** The journal of a workspace (its folder URIs), in `storageDir` or the temp folder. */
  static journalFor(folderUris: readonly string[], storageDir?: string): string {
    const key = createHash('sha256').update([...folderUris].sort().join('\n')).digest('hex').slice(0, 16);
    return path.join(storageDir || path.join(tmpdir(), 'go-traps'), `crash-journal-${key}.json`);
  }

  /** Why the file is held back, or undefined; a file that changed on disk since is released. */
  reasonFor(file: string): string | undefined {
    const entry = this.held.get(file);
    if (!entry) return undefined;
    if (stampOf(file) === entry.stamp) return entry.reason;
    this.held.delete(file);
    this.save();
    return undefined;
  }

  /** Marks the start of a file's analysis (written before the work, so a crash leaves it named). */
  enter(file: string): void {
    this.current = { file, started: performance.now() };
    this.save();
  }

  /** Marks its end; a run over the budget holds the file back. */
  leave(): void {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    const took = performance.now() - current.started;
    if (took > this.budgetMs) this.hold(current.file, `its analysis took ${(took / 1000).toFixed(1)} s, over the ${this.budgetMs / 1000} s budget`);
    this.save();
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private hold(file: string, reason: string): void {
    this.held.set(file, { reason: `${reason}; it is skipped until it changes`, stamp: stampOf(file) });
  }

  private save(): void {
    if (this.fd === undefined) return;
    const journal: Journal = { ...(this.current ? { analysing: this.current.file } : {}), held: Object.fromEntries(this.held) };
    const bytes = Buffer.from(JSON.stringify(journal));
    try {
      writeSync(this.fd, bytes, 0, bytes.length, 0);
      ftruncateSync(this.fd, bytes.length);
    } catch {
      this.dispose();
    }
  }
}

function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
