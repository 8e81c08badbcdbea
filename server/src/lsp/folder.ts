/**
 * One workspace folder as the server sees it: its settings, its engine, its modules and its index. Files
 * outside every folder share one "loose" folder that is never scanned and names files by absolute path.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ClientSettings, DEFAULT_CLIENT_SETTINGS } from '../protocol';
import { Engine } from '../engine/analyze';
import { defaultSettings, Settings } from '../engine/config';
import { GoModule, moduleFromGoMod } from '../engine/domains';
import type { Rule } from '../engine/rule';
import type { Finding } from '../engine/types';
import type { FileDecls } from '../go/declarations';
import { WorkspaceIndex } from '../engine/workspace-index';
import type { TeamConfig } from './settings';
import type { FolderWorkers } from './folder-workers';
import { fsPathOf, relativeEnginePath, uriOfFsPath } from './uris';
import { shownInProblems } from './workspace-problems';

export interface ScannedDeclarations {
  hash: string;
  /** The file's place (FileLocation) as JSON. */
  location: string;
  packageKey: string;
  decls: FileDecls;
}

export class Folder {
  readonly index = new WorkspaceIndex();
  /** Worker threads for the scan and full analyses; undefined: everything runs on this thread (see session.ts). */
  workers: FolderWorkers | undefined;
  client: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS };
  team: TeamConfig = { settings: defaultSettings(), problems: [] };
  settings: Settings = defaultSettings();
  /** Every enabled rule and collector: full analyses, the scan, workspace findings, suppressions. */
  engine: Engine;
  /** The file rules alone, no collectors: what runs on each keystroke. */
  fileEngine: Engine;
  modules: GoModule[] = [];
  /** True while the background scan runs; workspace-rule findings wait for it. */
  indexing = false;
  /** Settles when the latest scan ends, finished or superseded. */
  scanned: Promise<void> = Promise.resolve();
  /** Bumped by every scan so that a superseded scan stops quietly. */
  scanGeneration = 0;
  /** The running scan's progress: files read so far and Go files found. */
  scanProgress: { done: number; total: number } | undefined;
  /** Files the scan or the watcher skipped, with why. */
  readonly skipped = new Map<string, string>();
  /**
   * The declarations the last scan's workers read, with the hash of the text and the place they came from: the
   * next scan keeps them for a file whose text and place are the same (declarations depend on nothing else), so a
   * re-scan of unchanged files moves no declarations through this thread.
   */
  readonly scannedDeclarations = new Map<string, ScannedDeclarations>();
  /** How many files the latest scan kept the declarations of (for the scan's log line). */
  keptDeclarations = 0;
  /** Settled once the folder's settings are loaded: analysis waits for it, never for the scan. */
  ready: Promise<void>;
  private markReady!: () => void;
  /** Final finding counts per path, for the status bar; rebuilt whole when workspace findings moved. */
  private counts = new Map<string, number>();
  /** 'all' after a scan or a settings change; 'foreign' when only workspace findings moved. */
  private countsStale: 'all' | 'foreign' | undefined = 'all';
  /** Paths that had workspace findings when the counts were last brought up to date. */
  private foreignPaths = new Set<string>();
  /** The cross-file findings of the last finished scan, shown while the next one runs (same engine only). */
  private held: { engine: Engine; byPath: Map<string, Finding[]> } | undefined;

  constructor(
    /** The folder's URI, or '' for the loose folder. */
    readonly uri: string,
    /** File system root, undefined for the loose folder. */
    readonly root: string | undefined,
    private readonly rules: readonly Rule[],
  ) {
    this.engine = new Engine(this.settings, rules);
    this.fileEngine = this.fileRulesEngine();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  get loose(): boolean {
    return this.root === undefined;
  }

  settled(): void {
    this.markReady();
  }

  /** Installs new engine settings; returns true when they differ from the old ones. */
  setSettings(settings: Settings): boolean {
    const changed = JSON.stringify(settings) !== JSON.stringify(this.settings);
    this.settings = settings;
    if (changed) {
      this.engine = new Engine(settings, this.rules);
      this.fileEngine = this.fileRulesEngine();
      this.index.invalidate();
      this.countsStale = 'all';
    }
    return changed;
  }

  private fileRulesEngine(): Engine {
    return new Engine(this.settings, this.rules.filter((r) => r.kind === 'file'), []);
  }

  /** True when this (non-loose) folder holds the file. */
  contains(uri: string): boolean {
    const fsPath = fsPathOf(uri);
    return !!this.root && !!fsPath && relativeEnginePath(this.root, fsPath) !== undefined;
  }

  /** The engine's name for a file: relative to the folder, or absolute (or the URI itself) when loose. */
  pathOf(uri: string): string {
    const fsPath = fsPathOf(uri);
    if (this.root && fsPath) {
      const relative = relativeEnginePath(this.root, fsPath);
      if (relative) return relative;
    }
    return fsPath ? fsPath.split(path.sep).join('/') : uri;
  }

  uriOf(enginePath: string): string {
    if (this.root && !path.isAbsolute(enginePath)) return uriOfFsPath(path.join(this.root, enginePath));
    return path.isAbsolute(enginePath) ? uriOfFsPath(enginePath) : enginePath;
  }

  fsPathOf(enginePath: string): string | undefined {
    if (this.root && !path.isAbsolute(enginePath)) return path.join(this.root, enginePath);
    return path.isAbsolute(enginePath) ? enginePath : undefined;
  }

  /**
   * Makes sure the go.mod governing a file is known, without waiting for the scan: looks up the directory
   * chain once per directory. Domains depend on the module root.
   */
  ensureModuleFor(enginePath: string): void {
    const file = this.fsPathOf(enginePath);
    if (!file) return;
    const stop = this.root ?? path.parse(file).root;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const root = this.moduleRootName(dir);
      if (this.modules.some((m) => m.root === root)) return;
      const goMod = path.join(dir, 'go.mod');
      if (existsSync(goMod)) {
        this.modules.push(moduleFromGoMod(root, readFileSync(goMod, 'utf8')));
        return;
      }
      if (dir === stop || path.dirname(dir) === dir) return;
    }
  }

  private moduleRootName(dir: string): string {
    if (!this.root) return dir.split(path.sep).join('/');
    return relativeEnginePath(this.root, dir) ?? '';
  }

  /**
   * A scan is starting over: keep the cross-file findings it is about to clear, so open files keep showing
   * them (and Problems keeps its count) until the scan finishes, unless the settings changed meanwhile.
   */
  holdCrossFileFindings(): void {
    if (this.indexing && this.held) return;
    this.held = this.index.size > 0 ? { engine: this.engine, byPath: this.index.workspaceFindings(this.engine).byPath } : undefined;
  }

  /** Workspace-rule findings of a file: the index's, or while a scan runs the ones held from the last scan. */
  crossFileFindings(enginePath: string): Finding[] {
    if (!this.indexing) {
      this.held = undefined;
      return this.index.workspaceFindings(this.engine).byPath.get(enginePath) ?? [];
    }
    return this.held?.engine === this.engine ? (this.held.byPath.get(enginePath) ?? []) : [];
  }

  /** A file's final findings: its own and the cross-file ones (held ones while a scan runs), after suppressions. */
  findingsFor(enginePath: string): Finding[] {
    const entry = this.index.get(enginePath);
    if (!entry) return [];
    return this.engine.finalize(enginePath, [...entry.findings, ...this.crossFileFindings(enginePath)], entry.summary.directives);
  }

  /** Records a file's final finding count (after its own analysis) for the status bar. */
  setCount(enginePath: string, count: number | undefined): void {
    if (count === undefined) this.counts.delete(enginePath);
    else this.counts.set(enginePath, count);
  }

  /** Workspace-rule findings moved somewhere, or (`all`) the whole index was rebuilt. */
  countsChanged(all = false): void {
    if (all || this.countsStale === 'all') this.countsStale = 'all';
    else this.countsStale = 'foreign';
  }

  /**
   * Findings in the folder as the Problems panel lists them (no hints), for the status bar. After cross-file findings moved, only the files that had or
   * have some are counted again: recounting thousands of files would stall the next keystroke.
   */
  trapCount(shown: (enginePath: string, findings: readonly Finding[]) => readonly Finding[] = (_, findings) => findings): number {
    if (!this.client.enable) return 0;
    if (this.countsStale) {
      const foreign = this.indexing ? new Map() : this.index.workspaceFindings(this.engine).byPath;
      const paths = this.countsStale === 'all' ? [...this.index.paths()] : [...new Set([...this.foreignPaths, ...foreign.keys()])];
      if (this.countsStale === 'all') this.counts.clear();
      for (const p of paths) {
        if (this.index.get(p)) this.counts.set(p, shownInProblems(shown(p, this.index.findingsFor(this.engine, p, !this.indexing))));
        else this.counts.delete(p);
      }
      this.foreignPaths = new Set(foreign.keys());
      this.countsStale = undefined;
    }
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }
}
