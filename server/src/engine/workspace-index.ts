/**
 * The workspace index: what the engine keeps per file between edits (facts, directives, file-rule findings, the
 * declarations other files resolve types against, and which declarations each analysis looked up), never syntax
 * trees, so a large workspace stays small in memory. Front ends update one file at a time and ask for findings;
 * workspace rules re-run only when some file's facts actually changed, and a file is analysed again only when a
 * declaration it looked up changed.
 */
import type { AnalysisProblem, Engine, FileSummary } from './analyze';
import { compareFindings, skipReason } from './analyze';
import { GoModule, locateFile } from './domains';
import type { Parser } from 'web-tree-sitter';
import { knowledgeIndex } from '../go/knowledge';
import { SourceFile } from '../go/source';
import { isDerivedKey, TypeIndex } from '../go/type-index';
import type { FileLocation } from './rule';
import type { Finding } from './types';
import type { FileDecls } from '../go/declarations';

/** One analysed file as the index keeps it. */
export interface IndexEntry {
  summary: FileSummary;
  /** File-rule findings before suppression. */
  findings: Finding[];
  /** The declarations (type-index member keys) its analysis looked up. */
  dependencies?: string[];
}

/** The outcome of analysing one text: an entry, or the reason it was skipped. */
export interface IndexedFile {
  entry?: IndexEntry;
  skipped?: string;
  problems: AnalysisProblem[];
}

/**
 * Analyses one file's text with a ready parser: parse, run the rules, free the tree. A caller that keeps its
 * own tree (an open editor document) uses `indexTree` instead.
 */
export function indexText(engine: Engine, parser: Parser, path: string, text: string, modules: readonly GoModule[], workspace?: WorkspaceIndex): IndexedFile {
  const skipped = skipReason(path, text, engine.settings);
  if (skipped) return { skipped, problems: [] };
  const tree = parser.parse(text);
  if (!tree) return { skipped: 'the parser returned no tree', problems: [] };
  try {
    return indexTree(engine, new SourceFile(path, text, tree), modules, workspace);
  } finally {
    tree.delete();
  }
}

/**
 * Analyses an already parsed file; the caller keeps ownership of its tree. With a workspace index, types resolve
 * against every declaration it holds and the lookups are recorded in the entry.
 */
export function indexTree(engine: Engine, file: SourceFile, modules: readonly GoModule[], workspace?: WorkspaceIndex, record = true): IndexedFile {
  const location = locateFile(file.path, modules, engine.settings);
  const dependencies = workspace && record ? new Set<string>() : undefined;
  const analysis = engine.analyzeFile(file, location, workspace?.types, dependencies);
  const entry: IndexEntry = { summary: analysis.summary, findings: analysis.findings };
  if (dependencies) entry.dependencies = [...dependencies];
  return { entry, problems: analysis.problems };
}

export class WorkspaceIndex {
  /** Every known file's declarations, with the library signatures behind them. */
  readonly types = new TypeIndex(knowledgeIndex());

  constructor() {
    // Files that asked what leads to a type are told when it changes (see `track`): keep the graph as files come.
    this.types.keepMentions();
  }
  private readonly entries = new Map<string, IndexEntry>();
  private readonly factKeys = new Map<string, string>();
  /** Declaration key → the files whose last analysis looked it up. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Counts declaration changes; `changedAt` says when each declaration last changed. */
  private generation = 0;
  private readonly changedAt = new Map<string, number>();
  private cached: { byPath: Map<string, Finding[]>; problems: AnalysisProblem[] } | undefined;

  /**
   * Puts a file's declarations (read from its text) in the type index. Returns the other files whose analyses
   * looked up a declaration that changed: they must be analysed again.
   */
  declare(engine: Engine, path: string, text: string, location: FileLocation): string[] {
    const { packageKey, decls } = engine.declare(text, location);
    return this.setDecls(path, packageKey, decls);
  }

  /** Puts declarations read elsewhere (a worker thread) in the type index; returns the files to analyse again. */
  setDecls(path: string, packageKey: string, decls: FileDecls): string[] {
    return this.affectedBy(this.types.setFile(path, packageKey, decls), path);
  }

  /** Takes a file's declarations out of the type index; returns the files that looked one of them up. */
  undeclare(path: string): string[] {
    return this.affectedBy(this.types.deleteFile(path), path);
  }

  /** Where the declarations stand now: pass it to `changedSince` when an analysis done elsewhere comes back. */
  get declarationGeneration(): number {
    return this.generation;
  }

  /**
   * Whether one of `dependencies` changed after `generation`: an analysis that started then (in a worker) read
   * the old declaration and must be done again — the files it affects were worked out before it was recorded.
   */
  changedSince(generation: number, dependencies: readonly string[] | undefined): boolean {
    if (generation === this.generation) return false;
    return (dependencies ?? []).some((key) => (this.changedAt.get(key) ?? 0) > generation);
  }

  private affectedBy(changed: Set<string>, except: string): string[] {
    if (changed.size > 0) {
      this.generation++;
      for (const key of changed) this.changedAt.set(key, this.generation);
    }
    const affected = new Set<string>();
    for (const key of changed) for (const path of this.dependents.get(key) ?? []) if (path !== except) affected.add(path);
    return [...affected].sort();
  }

  private track(path: string, before: readonly string[] | undefined, after: readonly string[] | undefined): void {
    for (const key of before ?? []) {
      const paths = this.dependents.get(key);
      paths?.delete(path);
      if (paths?.size === 0) this.dependents.delete(key);
    }
    for (const key of after ?? []) {
      // A file that asked a derived question (what leads to a type, what a module imports, a package's function
      // names) must hear when its answer changes: the index keeps the answer up to date from now on.
      if (isDerivedKey(key)) this.types.watch(key);
      let paths = this.dependents.get(key);
      if (!paths) this.dependents.set(key, (paths = new Set()));
      paths.add(path);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(path: string): IndexEntry | undefined {
    return this.entries.get(path);
  }

  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  summaries(): FileSummary[] {
    return [...this.entries.values()].map((e) => e.summary);
  }

  /**
   * Stores a file's entry. Returns true when its facts changed, i.e. when workspace-rule findings may differ
   * anywhere in the workspace; edits inside function bodies usually leave them alone.
   */
  set(path: string, entry: IndexEntry): boolean {
    const key = JSON.stringify(entry.summary.facts);
    const changed = this.factKeys.get(path) !== key;
    this.track(path, this.entries.get(path)?.dependencies, entry.dependencies);
    this.entries.set(path, entry);
    this.factKeys.set(path, key);
    if (changed) this.cached = undefined;
    return changed;
  }

  /**
   * Replaces a known file's own findings and directives but keeps its facts: the cheap update after a
   * keystroke, when only the file rules ran. Workspace findings stay cached.
   */
  updateOwn(path: string, findings: Finding[], directives: FileSummary['directives']): boolean {
    const entry = this.entries.get(path);
    if (!entry) return false;
    this.entries.set(path, { ...entry, summary: { ...entry.summary, directives }, findings });
    return true;
  }

  /** Forgets a file's analysis (not its declarations: see `undeclare`); returns true when it was known. */
  delete(path: string): boolean {
    this.track(path, this.entries.get(path)?.dependencies, undefined);
    const known = this.entries.delete(path);
    this.factKeys.delete(path);
    if (known) this.cached = undefined;
    return known;
  }

  /** Forgets every file below a directory (a deleted folder, a branch switch). Returns how many. */
  deleteUnder(dir: string, affected: string[] = []): number {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    let count = 0;
    for (const path of [...this.entries.keys()]) {
      if (!path.startsWith(prefix)) continue;
      if (this.delete(path)) count++;
      affected.push(...this.undeclare(path));
    }
    return count;
  }

  clear(): void {
    this.entries.clear();
    this.factKeys.clear();
    this.dependents.clear();
    this.types.clear();
    this.cached = undefined;
  }

  /** Workspace-rule findings by path, recomputed only after some file's facts changed. */
  workspaceFindings(engine: Engine): { byPath: Map<string, Finding[]>; problems: AnalysisProblem[] } {
    this.cached ??= engine.workspaceFindings(this.summaries());
    return this.cached;
  }

  /** Drops the cached workspace findings, e.g. after the engine's settings changed. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** A file's final findings: its own and the workspace rules', after its suppressions. */
  findingsFor(engine: Engine, path: string, includeWorkspace = true): Finding[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const foreign = includeWorkspace ? (this.workspaceFindings(engine).byPath.get(path) ?? []) : [];
    return engine.finalize(path, [...entry.findings, ...foreign], entry.summary.directives);
  }

  /** Every file's final findings, sorted. */
  allFindings(engine: Engine): Finding[] {
    const all: Finding[] = [];
    for (const path of this.entries.keys()) all.push(...this.findingsFor(engine, path));
    return all.sort(compareFindings);
  }
}
