/**
 * Findings of files that are not open, published as diagnostics too (`goTraps.problems: "workspace"`), so the
 * Problems panel lists the whole workspace and agrees with the status bar's count. Open documents publish their
 * own diagnostics; this module publishes the rest from the index, only what changed since the last time.
 *
 * The session tells it what moved: a whole folder (a scan finished, settings changed, cross-file findings
 * moved) or one file (read again from disk, closed in the editor). Publishing waits a moment, so a burst of
 * changes costs one pass.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine/types';
import { toDiagnostic } from './diagnostics';
import type { Folder } from './folder';

/** What the module needs from the session. */
export interface ProblemsHost {
  /** True when an editor has the file open: its own diagnostics are published by the session. */
  isOpen(uri: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** The findings as Problems shows them (the baseline may turn some into hints or drop them). */
  shown(folder: Folder, enginePath: string, findings: readonly Finding[]): readonly Finding[];
}

/** Findings the Problems panel lists: VS Code leaves hints out of it, so counts must too. */
export function shownInProblems(findings: readonly Finding[]): number {
  let count = 0;
  for (const finding of findings) if (finding.severity !== 'hint') count++;
  return count;
}

interface FolderState {
  /** What each closed file's diagnostics were when last published (JSON), by URI; absent means none. */
  published: Map<string, string>;
  /** Paths that had workspace-rule findings at the last pass: they must be looked at again when those move. */
  foreign: Set<string>;
  /** Everything must be compared at the next pass, or only `dirty` and the cross-file findings' paths. */
  all: boolean;
  dirty: Set<string>;
}

const PUBLISH_DELAY_MS = 150;

export class WorkspaceProblems {
  private readonly folders = new Map<Folder, FolderState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: ProblemsHost) {}

  private stateOf(folder: Folder): FolderState {
    let state = this.folders.get(folder);
    if (!state) {
      state = { published: new Map(), foreign: new Set(), all: true, dirty: new Set() };
      this.folders.set(folder, state);
    }
    return state;
  }

  /** The folder's index was rebuilt or its settings changed: compare every file at the next pass. */
  folderChanged(folder: Folder): void {
    if (folder.loose) return;
    this.stateOf(folder).all = true;
    this.schedule();
  }

  /** Cross-file findings may have moved: the files that had or have some are compared at the next pass. */
  workspaceMoved(folder: Folder): void {
    if (folder.loose) return;
    this.stateOf(folder);
    this.schedule();
  }

  /** One file's own findings may have changed (read again from disk, deleted). */
  fileChanged(folder: Folder, enginePath: string): void {
    if (folder.loose) return;
    this.stateOf(folder).dirty.add(enginePath);
    this.schedule();
  }

  /**
   * The editor closed a file and cleared its diagnostics: what was published before it opened no longer
   * stands, so it is published again once the file is read back from disk.
   */
  closed(folder: Folder, uri: string, enginePath: string): void {
    if (folder.loose) return;
    const state = this.stateOf(folder);
    state.published.delete(uri);
    state.dirty.add(enginePath);
    this.schedule();
  }

  /** A folder left the workspace: its diagnostics go with it. */
  removeFolder(folder: Folder): void {
    const state = this.folders.get(folder);
    if (!state) return;
    for (const uri of state.published.keys()) this.host.publish(uri, []);
    this.folders.delete(folder);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, PUBLISH_DELAY_MS);
  }

  /** Publishes what changed in every folder now. A folder still scanning keeps what it showed until it ends. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [folder, state] of this.folders) {
      if (folder.indexing) continue;
      this.sync(folder, state);
    }
  }

  private sync(folder: Folder, state: FolderState): void {
    const wanted = folder.client.enable && folder.client.problems === 'workspace';
    const foreign = wanted ? folder.index.workspaceFindings(folder.engine).byPath : new Map<string, Finding[]>();
    const paths = state.all || !wanted ? [...folder.index.paths()] : [...new Set([...state.dirty, ...state.foreign, ...foreign.keys()])];
    const seen = new Set<string>();
    for (const enginePath of paths) {
      const uri = folder.uriOf(enginePath);
      seen.add(uri);
      if (this.host.isOpen(uri)) {
        state.published.delete(uri);
        continue;
      }
      const findings = wanted ? this.host.shown(folder, enginePath, folder.index.findingsFor(folder.engine, enginePath)) : [];
      const diagnostics = findings.map((f) => toDiagnostic(f, -1, (p) => folder.uriOf(p)));
      this.publishIfChanged(state, uri, diagnostics);
    }
    // After a full pass, files that left the index (deleted, now excluded) lose what they showed.
    if (state.all || !wanted) {
      for (const uri of [...state.published.keys()]) if (!seen.has(uri)) this.publishIfChanged(state, uri, []);
    }
    state.foreign = new Set(foreign.keys());
    state.dirty.clear();
    state.all = false;
  }

  private publishIfChanged(state: FolderState, uri: string, diagnostics: Diagnostic[]): void {
    const key = diagnostics.length === 0 ? undefined : JSON.stringify(diagnostics);
    if (state.published.get(uri) === key) return;
    if (key === undefined) state.published.delete(uri);
    else state.published.set(uri, key);
    this.host.publish(uri, diagnostics);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
