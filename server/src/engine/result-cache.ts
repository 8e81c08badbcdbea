/**
 * The result cache: a file's declarations and its analysis, kept between runs so that an unchanged re-run does
 * not parse again. An entry is keyed by everything its result depends on — the file's content and place, the
 * tool and grammar version, the settings — and an analysis also records the declarations of other files it
 * looked up, with a fingerprint of what they were: when any of them changes, the entry no longer matches and
 * the file is analysed again. A stale entry would be a bug, so anything unreadable is a miss.
 *
 * The entries of one directory's files are kept together in one JSON file (a "pack"), written atomically
 * (temporary file, then rename) by the thread that has every result, at the end of a run and only for the
 * directories where something was analysed again: creating one file per entry cost a third of a cold run's time
 * on the standard library. Two runs may share the cache (the last pack written wins, and every entry in it is
 * right for its key); the cache trims its oldest packs when it grows past its size limit.
 */
import { createHash } from 'node:crypto';
import { promises as fs, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileDecls } from '../go/declarations';
import type { TypeIndex } from '../go/type-index';
import type { AnalysisProblem, FileSummary } from './analyze';
import type { FileLocation } from './rule';
import type { Finding } from './types';

/** A cached analysis of one file. */
export interface CachedAnalysis {
  summary: FileSummary;
  findings: Finding[];
  problems: AnalysisProblem[];
  /** The declarations (member keys) the analysis looked up. */
  dependencies: string[];
  /** Their fingerprint when the analysis ran. */
  fingerprint: string;
}

export interface Entry {
  decls?: FileDecls;
  /** A hash of `decls` (see `declsHash`): what the workspace's state for derived answers is made of. */
  declsHash?: string;
  analysis?: CachedAnalysis;
}

/** A hash of a file's declarations: equal for two texts that declare the same (an edit inside a function body). */
export function declsHash(decls: FileDecls): string {
  return hashText(JSON.stringify(decls));
}

export const DEFAULT_CACHE_LIMIT_BYTES = 256 * 1024 * 1024;

/** Packs a thread keeps parsed: files come in path order, so a directory's files are asked one after another. */
const PACKS_KEPT = 8;

/** `$XDG_CACHE_HOME/go-traps`, else `~/.cache/go-traps`. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'go-traps');
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What the declarations of the looked-up members are now: a changed or new one changes the fingerprint. */
export function dependencyFingerprint(index: TypeIndex, dependencies: readonly string[]): string {
  const hash = createHash('sha256');
  for (const key of dependencies) hash.update(key).update('\u0000').update(index.memberFingerprint(key)).update('\u0001');
  return hash.digest('hex');
}

/** Where a cache keeps the derived answers of the last run's workspace (beside the pack shards). */
const DERIVED_FILE = 'derived.json';

export class ResultCache {
  readonly dir: string;
  private written = 0;
  /** Shard directories this process made sure of: one mkdir each. */
  private readonly shards = new Set<string>();
  /** The last packs read, oldest first: each entry as the JSON text it was written as. */
  private readonly packs = new Map<string, Record<string, string>>();

  constructor(
    root: string,
    /** Tool version, grammar and settings: a different one is a different cache. */
    scope: string,
    private readonly limitBytes = DEFAULT_CACHE_LIMIT_BYTES,
  ) {
    this.dir = path.join(root, hashText(scope).slice(0, 16));
  }

  /** The key of one file: its path, content and place in the workspace. */
  key(filePath: string, contentHash: string, location: FileLocation): string {
    return hashText(`${filePath}\u0000${contentHash}\u0000${JSON.stringify(location)}`);
  }

  /** The pack holding a file's entry: one per directory. */
  packOf(filePath: string): string {
    return hashText(path.posix.dirname(filePath)).slice(0, 32);
  }

  private file(pack: string): string {
    return path.join(this.dir, pack.slice(0, 2), `${pack.slice(2)}.json`);
  }

  private readPack(pack: string): Record<string, string> {
    let entries = this.packs.get(pack);
    if (entries) return entries;
    try {
      // Synchronous: read by worker threads one file at a time, where a trip through libuv's pool only idles.
      // Entries are kept as JSON text inside the pack: a worker passes a hit on without parsing it.
      const parsed = JSON.parse(readFileSync(this.file(pack), 'utf8')) as { entries?: Record<string, unknown> };
      entries = parsed && typeof parsed.entries === 'object' && parsed.entries !== null ? (parsed.entries as Record<string, string>) : {};
    } catch {
      entries = {};
    }
    this.packs.set(pack, entries);
    if (this.packs.size > PACKS_KEPT) this.packs.delete(this.packs.keys().next().value!);
    return entries;
  }

  /**
   * A file's entry as the JSON text it was stored as, or undefined; `parseEntry` reads it. Its analysis is to be
   * used only when the declarations it looked up still give the same fingerprint (`dependencyFingerprint`).
   */
  rawEntry(filePath: string, key: string): string | undefined {
    const entries = this.readPack(this.packOf(filePath));
    const raw = Object.hasOwn(entries, key) ? entries[key] : undefined;
    return typeof raw === 'string' ? raw : undefined;
  }

  /** Replaces a directory's pack (named by any file of it) with these entries, by key. */
  async storePack(filePath: string, entries: Record<string, Entry>): Promise<void> {
    const pack = this.packOf(filePath);
    this.packs.delete(pack);
    const target = this.file(pack);
    const texts: Record<string, string> = {};
    for (const key in entries) texts[key] = JSON.stringify(entries[key]);
    try {
      const shard = path.dirname(target);
      if (!this.shards.has(shard)) {
        mkdirSync(shard, { recursive: true });
        this.shards.add(shard);
      }
      writeAtomically(target, JSON.stringify({ entries: texts }));
      this.written++;
    } catch {
      // A cache that cannot be written only costs the next run some time.
      this.shards.clear();
    }
  }

  /**
   * Derived answers' fingerprints (see TypeIndex.presetDerived) stored for a state of the whole workspace (a hash
   * of every file's path, package and declarations, in order); undefined for any other state, or when unreadable.
   */
  readDerived(state: string): Record<string, string> | undefined {
    try {
      const stored = JSON.parse(readFileSync(path.join(this.dir, DERIVED_FILE), 'utf8')) as { state?: unknown; fingerprints?: unknown };
      if (stored?.state !== state || typeof stored.fingerprints !== 'object' || stored.fingerprints === null) return undefined;
      const fingerprints = stored.fingerprints as Record<string, unknown>;
      return Object.values(fingerprints).every((v) => typeof v === 'string') ? (fingerprints as Record<string, string>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replaces the stored derived answers (one file per cache: the last run's workspace state). */
  storeDerived(state: string, fingerprints: Record<string, string>): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeAtomically(path.join(this.dir, DERIVED_FILE), JSON.stringify({ state, fingerprints }));
    } catch {
      // Only costs the next run the work of the answers.
    }
  }

  /** Removes the oldest packs while the cache is over its limit; only after a run that wrote something. */
  async trim(): Promise<void> {
    if (this.written === 0) return;
    const entries: { file: string; size: number; mtime: number }[] = [];
    let total = 0;
    const root = path.dirname(this.dir);
    for (const scope of await fs.readdir(root).catch(() => [] as string[])) {
      for (const shard of await fs.readdir(path.join(root, scope)).catch(() => [] as string[])) {
        const dir = path.join(root, scope, shard);
        for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
          const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
          if (!stat?.isFile()) continue;
          entries.push({ file: path.join(dir, name), size: stat.size, mtime: stat.mtimeMs });
          total += stat.size;
        }
      }
    }
    if (total <= this.limitBytes) return;
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const entry of entries) {
      if (total <= this.limitBytes * 0.8) break;
      await fs.rm(entry.file, { force: true }).catch(() => undefined);
      total -= entry.size;
    }
  }
}

/**
 * Writes a file whole or not at all: to a temporary name, then renamed (two runs may write the same file; a reader
 * sees one of them complete). Throws, after removing the temporary file, when it cannot.
 */
function writeAtomically(target: string, text: string): void {
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** An entry from its JSON text; undefined when unreadable (a miss). An analysis without its dependencies is dropped. */
export function parseEntry(raw: string): Entry | undefined {
  try {
    const entry = JSON.parse(raw) as Entry;
    if (!entry || typeof entry !== 'object') return undefined;
    if (entry.analysis && !Array.isArray(entry.analysis.dependencies)) delete entry.analysis;
    return entry;
  } catch {
    return undefined;
  }
}

/** Deletes the whole cache directory. */
export async function cleanCache(root = defaultCacheDir()): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}
