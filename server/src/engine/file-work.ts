/**
 * The two steps of the pipeline for one file, the same in this thread and in a worker thread: read its
 * declarations (or take them from the cache), then analyse it (or take the analysis from the cache, when every
 * declaration it looked up is unchanged) and store the result back.
 */
import { createParserSync, type Parser, type Tree } from '../go/parser';
import { SourceFile } from '../go/source';
import { isDerivedKey, type TypeIndex } from '../go/type-index';
import type { FileDecls } from '../go/declarations';
import { Engine, FileAnalysis, skipReason } from './analyze';
import type { Settings } from './config';
import { packageKeyOf } from './packages';
import { type CachedAnalysis, declsHash, dependencyFingerprint, hashText, parseEntry, ResultCache } from './result-cache';
import type { FileLocation } from './rule';
import { RULES } from '../traps/index';

/** Where a cache lives, as plain data a worker can receive. */
export interface CacheSpec {
  root: string;
  scope: string;
  limitBytes?: number;
}

export type Declared =
  | { skipped: string }
  | {
      packageKey: string;
      decls: FileDecls;
      /** The cache key, when there is a cache. */
      key?: string;
      /** With a cache: the declarations' hash (see result-cache.ts `declsHash`). */
      declsHash?: string;
      /** A cached analysis to check against the full index. */
      cached?: CachedAnalysis;
    };

export interface Analysed {
  analysis: FileAnalysis;
  dependencies: string[];
  /** The dependencies' fingerprint, with a cache: the thread that writes the cache stores it with the analysis. */
  fingerprint?: string;
  /** With a cache: the fingerprints of the derived answers among the dependencies (kept for the next run). */
  derived?: Record<string, string>;
}

export class FileWork {
  readonly engine: Engine;
  readonly cache: ResultCache | undefined;
  private parser: Parser | undefined;

  constructor(
    readonly settings: Settings,
    /** Run the checklist and coupling collectors too (the editor's views need them; the CLI report does not). */
    collectors: boolean,
    cache?: CacheSpec,
  ) {
    this.engine = collectors ? new Engine(settings) : new Engine(settings, RULES, []);
    this.cache = cache ? new ResultCache(cache.root, cache.scope, cache.limitBytes) : undefined;
  }

  async declare(path: string, text: string, location: FileLocation): Promise<Declared> {
    const found = await this.declareOrFind(path, text, location);
    if (!('raw' in found)) return found;
    return declaredFromCache(found.raw, found.key, location) ?? this.declareFresh(text, location, found.key);
  }

  /**
   * Like `declare`, but a cache hit comes back as the entry's JSON text, unparsed (a worker passes it on as it is:
   * see `declaredFromCache`).
   */
  async declareOrFind(path: string, text: string, location: FileLocation): Promise<Declared | { raw: string; key: string }> {
    const skipped = skipReason(path, text, this.settings);
    if (skipped) return { skipped };
    if (this.cache) {
      const key = this.cache.key(path, hashText(text), location);
      const raw = this.cache.rawEntry(path, key);
      if (raw !== undefined) return { raw, key };
      return this.declareFresh(text, location, key);
    }
    return this.engine.declare(text, location);
  }

  /** Reads the declarations from the text, with what the cache keeps beside them. */
  private declareFresh(text: string, location: FileLocation, key: string): Declared {
    const declared = this.engine.declare(text, location);
    return { ...declared, key, declsHash: declsHash(declared.decls) };
  }

  /**
   * Parses and analyses one file against the index. The looked-up declarations are recorded for the cache (with
   * their fingerprint: the pipeline stores the result), or when `record` asks (the language server re-analyses by them).
   */
  async analyze(path: string, text: string, location: FileLocation, index: TypeIndex, record = false): Promise<Analysed> {
    const parser = (this.parser ??= createParserSync());
    // Parsed only if some rule asks for the tree: most rules rule a file out from its text first.
    const decls = index.declsOf(path);
    const file = new SourceFile(path, text, () => parseOrThrow(parser, text), decls?.package, decls?.imports);
    try {
      const recorded = new Set<string>();
      const analysis = this.engine.analyzeFile(file, location, index, this.cache || record ? recorded : undefined);
      const dependencies = [...recorded].sort();
      if (!this.cache) return { analysis, dependencies };
      const derived = Object.fromEntries(dependencies.filter(isDerivedKey).map((key) => [key, index.memberFingerprint(key)]));
      return { analysis, dependencies, fingerprint: dependencyFingerprint(index, dependencies), derived };
    } finally {
      file.dispose();
    }
  }
}

/** A cache hit's declarations and analysis from the entry's JSON text; undefined when it holds no declarations. */
export function declaredFromCache(raw: string, key: string, location: FileLocation): Declared | undefined {
  const entry = parseEntry(raw);
  if (!entry?.decls) return undefined;
  return { packageKey: packageKeyOf(location, entry.decls.package), decls: entry.decls, key, declsHash: entry.declsHash, cached: entry.analysis };
}

function parseOrThrow(parser: Parser, text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('the parser returned no tree');
  return tree;
}
