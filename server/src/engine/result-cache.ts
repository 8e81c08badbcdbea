/**
 * The result cache: a file's declarations and its analysis, kept between runs so that an unchanged re-run does
 * not parse again. An entry is keyed by everything its result depends on — the file's content and place, the
 * tool and grammar version, the settings — and an analysis also records the declarations of other files it
 * looked up, with a fingerprint of what they were: when any of them changes, the entry no longer matches and
 * the file is analysed again. A stale entry would be a bug, so anything unreadable is a miss.
 *
 * Entries are small JSON files written atomically (temporary file, then rename), so two runs may share the
 * cache; the cache trims its oldest entries when it grows past its size limit.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
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
  analysis?: CachedAnalysis;
}

export const DEFAULT_CACHE_LIMIT_BYTES = 256 * 1024 * 1024;

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

export class ResultCache {
  readonly dir: string;
  private written = 0;

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

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  private async read(key: string): Promise<Entry | undefined> {
    try {
      // Synchronous: read by worker threads one file at a time, where a trip through libuv's pool only idles.
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as Entry;
      return entry && typeof entry === 'object' ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  private async write(key: string, entry: Entry): Promise<void> {
    const target = this.file(key);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(temporary, JSON.stringify(entry));
      await fs.rename(temporary, target);
      this.written++;
    } catch {
      // A cache that cannot be written only costs the next run some time.
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /**
   * What is cached for a file: its declarations, and its analysis — to be used only when the declarations it
   * looked up still give the same fingerprint (`dependencyFingerprint`).
   */
  async entry(key: string): Promise<Entry | undefined> {
    const entry = await this.read(key);
    if (entry?.analysis && !Array.isArray(entry.analysis.dependencies)) delete entry.analysis;
    return entry;
  }

  async store(key: string, entry: Entry): Promise<void> {
    const previous = entry.decls && entry.analysis ? undefined : await this.read(key);
    await this.write(key, { ...previous, ...entry });
  }

  /** Removes the oldest entries while the cache is over its limit; only after a run that wrote something. */
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

/** Deletes the whole cache directory. */
export async function cleanCache(root = defaultCacheDir()): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}
