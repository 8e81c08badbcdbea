/**
 * The workspace index: what the engine keeps per file between edits (facts, directives, file-rule findings),
 * never syntax trees, so a large workspace stays small in memory. Front ends update one file at a time and
 * ask for findings; workspace rules re-run only when some file's facts actually changed.
 */
import type { AnalysisProblem, Engine, FileSummary } from './analyze';
import { compareFindings, skipReason } from './analyze';
import { GoModule, locateFile } from './domains';
import type { Parser } from 'web-tree-sitter';
import { SourceFile } from '../go/source';
import type { Finding } from './types';

/** One analysed file as the index keeps it. */
export interface IndexEntry {
  summary: FileSummary;
  /** File-rule findings before suppression. */
  findings: Finding[];
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
export function indexText(engine: Engine, parser: Parser, path: string, text: string, modules: readonly GoModule[]): IndexedFile {
  const skipped = skipReason(path, text, engine.settings);
  if (skipped) return { skipped, problems: [] };
  const tree = parser.parse(text);
  if (!tree) return { skipped: 'the parser returned no tree', problems: [] };
  try {
    return indexTree(engine, new SourceFile(path, text, tree), modules);
  } finally {
    tree.delete();
  }
}

/** Analyses an already parsed file; the caller keeps ownership of its tree. */
export function indexTree(engine: Engine, file: SourceFile, modules: readonly GoModule[]): IndexedFile {
  const analysis = engine.analyzeFile(file, locateFile(file.path, modules, engine.settings));
  return { entry: { summary: analysis.summary, findings: analysis.findings }, problems: analysis.problems };
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly factKeys = new Map<string, string>();
  private cached: { byPath: Map<string, Finding[]>; problems: AnalysisProblem[] } | undefined;

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
    this.entries.set(path, { summary: { ...entry.summary, directives }, findings });
    return true;
  }

  /** Forgets a file; returns true when it was known. */
  delete(path: string): boolean {
    const known = this.entries.delete(path);
    this.factKeys.delete(path);
    if (known) this.cached = undefined;
    return known;
  }

  /** Forgets every file below a directory (a deleted folder, a branch switch). Returns how many. */
  deleteUnder(dir: string): number {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    let count = 0;
    for (const path of [...this.entries.keys()]) if (path.startsWith(prefix) && this.delete(path)) count++;
    return count;
  }

  clear(): void {
    this.entries.clear();
    this.factKeys.clear();
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
