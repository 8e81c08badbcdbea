/**
 * The language server session: wires LSP requests to the engine. Open documents keep an incrementally
 * updated tree; every folder keeps a tree-free index for the workspace rules, filled by a background scan
 * and kept current by file watching. The engine never sees a URI: paths become URIs only here.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  Diagnostic,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  WatchKind,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import {
  AnalyzeWorkspaceRequest,
  ClientFeatures,
  ShowRuleDocumentationCommand,
  StatusNotification,
  StatusParams,
} from '../protocol';
import { AnalysisProblem, skipReason } from '../engine/analyze';
import { locateFile } from '../engine/domains';
import { BASELINE_FILE_NAME } from '../engine/baseline';
import { countOf, localeFrom } from '../engine/messages';
import { createGoParser } from '../go/parser';
import type { Rule } from '../engine/rule';
import { SourceFile } from '../go/source';
import type { Finding, Locale, Range } from '../engine/types';
import { IndexedFile, indexText, indexTree } from '../engine/workspace-index';
import { walkGoFiles } from '../cli/walk';
import { readTextFile } from '../cli/safe-fs';
import { CrashGuard } from './crash-guard';
import { docsUrl } from '../traps/index';
import { BaselineStore, isBaselineFile } from './baseline';
import { DocumentView, FIX_ALL_KIND, fixAllAction, packageClauseLine, packageWideFixes, quickFixes, wanted } from './code-actions';
import { isRange, toDiagnostic } from './diagnostics';
import { DocumentStore, OpenDocument } from './documents';
import { warmUpKeystrokePath } from './warm-up';
import { Folder } from './folder';
import { FolderWorkers, SCAN_JOBS } from './folder-workers';
import { hoverFor } from './hover';
import { ProgressReporter, startProgress } from './progress';
import { CONFIG_FILE_NAME, configFilePath, describeProblems, engineSettings, loadTeamConfig, problemRange, sanitizeClientSettings, settingsNotice, unknownRuleIds } from './settings';
import { COMPLETION_TRIGGERS, completeRuleIds } from './completion';
import { shownInProblems, WorkspaceProblems } from './workspace-problems';
import { describeSkipped } from './scan-log';
import { registerReportRequests } from './reports';
import { InitializeGate } from './initialize-gate';
import { isRangeChange, RangeChange, shiftFinding } from './shift';
import { fsPathOf, sameUri, uriOfFsPath } from './uris';

export interface ServerOptions {
  rules: readonly Rule[];
  /**
   * The bundled analysis worker (server/out/analysis-worker.js): each workspace folder's scan and full analyses
   * run in worker threads. Workers know the registry's rules only, so a server given other rules (the tests'
   * fault server) leaves this out and analyses on its own thread.
   */
  workerScript?: string;
  /**
   * The light debounce: while typing, a document is analysed at most once per this many milliseconds. The
   * first change after a quiet spell is analysed at once; a faster burst is merged into one analysis.
   */
  minIntervalMs?: number;
}

/** Keys typed less than this apart are merged; slower typing pays no delay at all. */
export const DEFAULT_MIN_INTERVAL_MS = 25;
/**
 * Facts (and so cross-file findings) are re-derived once typing pauses this long; until then the last ones
 * are carried through the edits. A full analysis costs several times a light one, so it never runs between
 * two keys typed in a row.
 */
export const FACTS_PAUSE_MS = 250;

/**
 * Per open document. Keystrokes run the file rules only ("light"); the workspace rules' facts and the fact
 * collectors run in a "full" analysis when typing pauses, and cross-file findings are carried through the
 * edits in between.
 */
interface DocumentState {
  /** Cancels the pending analysis, if any. */
  cancel?: () => void;
  /** When the last analysis started (performance.now()). */
  lastRun: number;
  /**
   * When the last keystroke's (light) analysis started: keys typed faster than the minimum interval after it are
   * merged. A full analysis the server started itself (a scan's end, a settings change) does not hold a key back.
   */
  lastKeyRun?: number;
  /** When the last change arrived (performance.now()): the timing log tells how long it waited here. */
  changedAt?: number;
  factsTimer?: NodeJS.Timeout;
  /** Version of the last analysis, -1 before the first. */
  analyzedVersion: number;
  /** Version of the last full analysis, -1 before the first. */
  fullVersion: number;
  /** The version a worker is analysing in full, if any (its answer is applied only if it is still current). */
  pendingFull?: number;
  /** Numbers the full analyses sent to a worker: only the answer to the latest one is applied. */
  fullTicket: number;
  /** Ranged changes since the last full analysis; undefined after a whole-text change, which cannot be followed. */
  shifts: RangeChange[] | undefined;
  findings: Finding[];
}

/** True when the document's full analysis for this version is done or under way. */
function fullDone(state: DocumentState, version: number): boolean {
  return state.fullVersion === version || state.pendingFull === version;
}

/** Starts serving on a connection (stdio, node-ipc or in-process streams). */
export function startServer(connection: Connection, options: ServerOptions): void {
  new Session(connection, options).listen();
}

export class Session {
  private parser!: Parser;
  private readonly documents = new DocumentStore();
  private readonly states = new Map<string, DocumentState>();
  private folders: Folder[] = [];
  private readonly loose: Folder;
  private locale: Locale = 'en';
  private readonly minIntervalMs: number;
  /** GO_TRAPS_TIMING=1 logs each analysis's wall and CPU time (for the latency benchmark and slow-file reports). */
  private readonly logTiming = process.env.GO_TRAPS_TIMING === '1';
  private readonly knownRules: string[];
  private can = { configuration: false, progress: false, watchers: false, configurationChange: false, showDocument: false };
  private readonly failedRules = new Set<string>();
  private readonly notified = new Map<string, string>();
  private statusTimer: NodeJS.Timeout | undefined;
  private lastStatus = '';
  private readonly watchQueue = new Map<string, FileChangeType>();
  /** When the user last typed in any document (performance.now()); background work waits for a pause. */
  private lastEdit = -Infinity;
  private draining = false;
  private configDiagnosticUris = new Set<string>();
  /** Holds back every message but initialize until the parser is loaded. */
  private readonly gate = new InitializeGate();
  /** Remembers the file being analysed, so a crash is not repeated after a restart. */
  private guard = new CrashGuard(undefined);
  private readonly baselines = new BaselineStore((message) => this.notice(MessageType.Warning, message));
  /** What the client does itself (progress in its status item, the reason prompt, the docs preview). */
  private features: ClientFeatures = {};
  /** Findings of files that are not open, in Problems too. */
  private readonly problems = new WorkspaceProblems({
    isOpen: (uri) => this.documents.all().some((d) => sameUri(d.uri, uri)),
    publish: (uri, diagnostics) => void this.connection.sendDiagnostics({ uri, diagnostics }),
    shown: (folder, enginePath, findings) => this.shown(folder, enginePath, findings),
  });

  constructor(
    readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    this.knownRules = options.rules.map((r) => r.meta.id);
    this.loose = new Folder('', undefined, options.rules);
  }

  listen(): void {
    const c = this.gate.wrap(this.connection);
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      for (const folder of this.folders) folder.workers?.dispose();
      this.problems.dispose();
      this.documents.dispose();
      this.guard.dispose();
    });
    c.onDidOpenTextDocument(({ textDocument: t }) => {
      const document = this.documents.open(t.uri, t.languageId, t.version, t.text);
      this.states.set(t.uri, { lastRun: 0, analyzedVersion: -1, fullVersion: -1, fullTicket: 0, shifts: [], findings: [] });
      this.schedule(document, 0, true);
    });
    c.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      const state = this.states.get(textDocument.uri);
      if (!document || !state) return;
      this.lastEdit = performance.now();
      state.changedAt = this.lastEdit;
      document.applyChanges(contentChanges, textDocument.version);
      state.shifts = state.shifts && contentChanges.every(isRangeChange) ? [...state.shifts, ...contentChanges] : undefined;
      if (this.folderOf(textDocument.uri).client.run !== 'onType') return;
      const wait = Math.max(0, (state.lastKeyRun ?? -Infinity) + this.minIntervalMs - performance.now());
      this.schedule(document, wait, false);
      this.scheduleFacts(document, state);
    });
    c.onDidSaveTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document && this.folderOf(textDocument.uri).client.run === 'onSave') this.schedule(document, 0, true);
    });
    c.onDidCloseTextDocument(({ textDocument }) => this.close(textDocument.uri));
    c.onDidChangeConfiguration(() => void this.reconfigureAll());
    c.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) this.watchQueue.set(change.uri, change.type);
      void this.drainWatchQueue();
    });
    c.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) => void this.changeFolders(event.added, event.removed));
    // Clients may send nulls where the protocol has none: every field is checked before use.
    c.onCodeAction((params) => {
      const diagnostics = Array.isArray(params?.context?.diagnostics) ? params.context.diagnostics : [];
      const only = Array.isArray(params?.context?.only) ? params.context.only : undefined;
      const range = isRange(params?.range) ? params.range : undefined;
      return typeof params?.textDocument?.uri === 'string' ? this.codeActions(params.textDocument.uri, diagnostics, only, range) : [];
    });
    c.onHover((params) => {
      const document = typeof params?.textDocument?.uri === 'string' ? this.documents.get(params.textDocument.uri) : undefined;
      const position = params?.position;
      if (!document || !position || !Number.isSafeInteger(position.line) || !Number.isSafeInteger(position.character)) return undefined;
      return hoverFor(this.freshFindings(document), position, this.locale, !!this.features.commandLinks);
    });
    c.onCompletion((params) => {
      const document = typeof params?.textDocument?.uri === 'string' ? this.documents.get(params.textDocument.uri) : undefined;
      const position = params?.position;
      if (!document || !position || !Number.isSafeInteger(position.line) || !Number.isSafeInteger(position.character)) return null;
      const line = document.text.split('\n', position.line + 1)[position.line];
      return line === undefined ? null : (completeRuleIds(line, position, this.options.rules, this.locale) ?? null);
    });
    c.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []));
    c.onRequest(AnalyzeWorkspaceRequest, () => this.rescanAll());
    registerReportRequests(this, c);
    c.listen();
  }

  get currentLocale(): Locale {
    return this.locale;
  }

  /** Every workspace folder (the loose one excluded). */
  get workspaceFolders(): readonly Folder[] {
    return this.folders;
  }

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    const options = (params.initializationOptions ?? {}) as { locale?: string; storageDir?: string; features?: ClientFeatures };
    this.locale = localeFrom(options.locale ?? params.locale);
    this.features = options.features ?? {};
    const caps = params.capabilities;
    this.can = {
      configuration: !!caps.workspace?.configuration,
      progress: !!caps.window?.workDoneProgress,
      watchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationChange: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      showDocument: !!caps.window?.showDocument?.support,
    };
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.folders = folders.flatMap((f) => {
      const root = fsPathOf(f.uri);
      return root ? [this.newFolder(f.uri, root)] : [];
    });
    const storageDir = typeof options.storageDir === 'string' ? options.storageDir : undefined;
    this.guard = new CrashGuard(CrashGuard.journalFor(folders.map((f) => f.uri), storageDir));
    this.parser = await createGoParser();
    this.gate.openNow();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        // A client with its own commands opens the shipped page itself; two registrations of one id would clash.
        executeCommandProvider: { commands: this.features.clientCommands ? [] : [ShowRuleDocumentationCommand] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'go-traps' },
    };
  }

  private async initialized(): Promise<void> {
    for (const { file, reason } of this.guard.heldAtStart) {
      this.connection.console.warn(`go-traps: skipping ${file}: ${reason}`);
      this.notice(MessageType.Warning, `Go Traps skipped ${path.basename(file)}: ${reason}.`);
    }
    if (this.can.configurationChange) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'goTraps' });
    if (this.can.watchers) {
      const kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: ['**/*.go', '**/go.mod', `**/${CONFIG_FILE_NAME}`, `**/${BASELINE_FILE_NAME}`].map((globPattern) => ({ globPattern, kind })),
      });
    }
    await this.configure(this.loose);
    this.loose.settled();
    // While the folders are scanned in workers this thread is idle: let V8 compile the keystroke path now.
    void warmUpKeystrokePath(this.loose.fileEngine, this.parser).catch((error: unknown) => this.connection.console.warn(`go-traps: warm-up failed: ${String(error)}`));
    await Promise.all(
      this.folders.map(async (folder) => {
        await this.configure(folder);
        folder.settled();
        await this.scan(folder);
      }),
    );
  }

  private newFolder(uri: string, root: string): Folder {
    const folder = new Folder(uri, root, this.options.rules);
    if (this.options.workerScript) folder.workers = new FolderWorkers(this.options.workerScript, folder.index.types, (line) => this.connection.console.warn(line));
    return folder;
  }

  folderOf(uri: string): Folder {
    let best: Folder | undefined;
    for (const folder of this.folders) if (folder.contains(uri) && (!best || folder.root!.length > best.root!.length)) best = folder;
    return best ?? this.loose;
  }

  // ---- settings ---------------------------------------------------------------------------------------------

  /** Loads a folder's client settings and team config; returns true when the engine settings changed. */
  private async configure(folder: Folder): Promise<boolean> {
    let raw: unknown = undefined;
    if (this.can.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri || undefined, section: 'goTraps' });
      } catch (error) {
        this.connection.console.warn(`go-traps: cannot read settings: ${(error as Error).message}`);
      }
    }
    const previousConfigFile = folder.client.configFile;
    folder.client = sanitizeClientSettings(raw);
    this.warnUnknownRules(raw);
    // `problems` and `baseline` change what Problems lists without changing the engine.
    folder.countsChanged(true);
    this.problems.folderChanged(folder);
    const root = folder.root;
    if (root) {
      const file = configFilePath(root, folder.client);
      if (folder.client.configFile && folder.client.configFile !== previousConfigFile) this.watchConfigFile(file);
      folder.team = await loadTeamConfig(file, this.knownRules, folder.client.configFile !== '');
      this.reportConfigProblems(folder);
      await this.baselines.load(root);
    }
    return folder.setSettings(engineSettings(folder.team.settings, folder.client, this.locale, this.knownRules));
  }

  /** A config file named in the settings is watched too, whatever its name (`.go-traps.json` always is). */
  private watchConfigFile(file: string): void {
    if (!this.can.watchers) return;
    const kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${path.basename(file)}`, kind }],
    });
  }

  /** A broken `.go-traps.json`: one clear message, diagnostics on the file itself, the status bar; defaults apply. */
  private reportConfigProblems(folder: Folder): void {
    const { file, text, problems } = folder.team;
    const uri = file ? uriOfFsPath(file) : undefined;
    for (const stale of this.configDiagnosticUris) {
      if (stale !== uri) void this.connection.sendDiagnostics({ uri: stale, diagnostics: [] });
    }
    this.configDiagnosticUris = new Set([...this.configDiagnosticUris].filter((u) => u === uri));
    if (!file || !uri) return;
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: problemRange(text ?? '', p),
      severity: p.key === '' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'go-traps',
      message: `${p.key ? `"${p.key}": ` : ''}${p.message} (the default applies)`,
    }));
    void this.connection.sendDiagnostics({ uri, diagnostics });
    if (problems.length === 0) {
      this.configDiagnosticUris.delete(uri);
      this.notified.delete(`config:${uri}`);
      return;
    }
    this.configDiagnosticUris.add(uri);
    const line = describeProblems(file, problems, this.locale);
    if (this.notified.get(`config:${uri}`) !== line) {
      this.notified.set(`config:${uri}`, line);
      void this.offerToOpen(problems.some((p) => p.key === '') ? MessageType.Error : MessageType.Warning, `Go Traps: ${line}`, uri);
    }
    this.scheduleStatus();
  }

  /** One notification with a button that opens the file, when the client can open documents for the server. */
  private async offerToOpen(type: MessageType, message: string, uri: string): Promise<void> {
    if (!this.can.showDocument) return this.notice(type, message);
    const open = { title: settingsNotice('open', this.locale, { file: path.basename(fsPathOf(uri) ?? CONFIG_FILE_NAME) }) };
    const show = type === MessageType.Error ? this.connection.window.showErrorMessage : this.connection.window.showWarningMessage;
    const choice = await show.call(this.connection.window, message, open).catch(() => undefined);
    if (choice?.title === open.title) await this.connection.window.showDocument({ uri, takeFocus: true }).catch(() => undefined);
  }

  /** `goTraps.rules` naming a rule that does not exist is ignored, and said once. */
  private warnUnknownRules(raw: unknown): void {
    const unknown = unknownRuleIds(raw, this.knownRules, this.locale);
    if (unknown.length === 0) return;
    const line = settingsNotice('unknownRules', this.locale, { ids: unknown });
    if (this.notified.get('settings:rules') === line) return;
    this.notified.set('settings:rules', line);
    this.connection.console.warn(line);
    this.notice(MessageType.Warning, line);
  }

  private async reconfigureAll(): Promise<void> {
    await this.reconfigure(this.loose);
    await Promise.all(this.folders.map((folder) => this.reconfigure(folder)));
  }

  /** Settings changed: a new engine means new facts everywhere, so the folder is scanned again. */
  private async reconfigure(folder: Folder): Promise<void> {
    const wasEnabled = folder.client.enable;
    const changed = await this.configure(folder);
    if (folder.loose || (!changed && wasEnabled === folder.client.enable)) {
      this.revalidateOpen(folder);
      return;
    }
    await this.scan(folder);
  }

  // ---- open documents ---------------------------------------------------------------------------------------

  private schedule(document: OpenDocument, delay: number, full: boolean): void {
    const state = this.states.get(document.uri);
    if (!state) return;
    state.cancel?.();
    const folder = this.folderOf(document.uri);
    const run = () => {
      state.cancel = undefined;
      void folder.ready.then(() => {
        if (this.documents.get(document.uri) !== document) return;
        const done = full ? fullDone(state, document.version) : state.analyzedVersion === document.version;
        if (!done) this.validate(document, full);
      });
    };
    // setTimeout(0) still waits a millisecond or more; an immediate runs right after pending input is read.
    if (delay <= 0) {
      const handle = setImmediate(run);
      state.cancel = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(run, delay);
      state.cancel = () => clearTimeout(handle);
    }
  }

  /** Runs the full analysis once typing pauses. */
  private scheduleFacts(document: OpenDocument, state: DocumentState): void {
    clearTimeout(state.factsTimer);
    state.factsTimer = setTimeout(() => {
      state.factsTimer = undefined;
      if (this.documents.get(document.uri) === document && !fullDone(state, document.version)) this.validate(document, true);
    }, FACTS_PAUSE_MS);
  }

  private revalidateOpen(folder: Folder): void {
    for (const document of this.documents.all()) {
      if (this.folderOf(document.uri) !== folder) continue;
      const state = this.states.get(document.uri);
      if (state) {
        state.analyzedVersion = -1;
        state.fullVersion = -1;
        state.pendingFull = undefined;
      }
      this.schedule(document, 0, true);
    }
  }

  /** The document's findings for its current text, analysing it now if it moved on since. */
  private freshFindings(document: OpenDocument, full = false): Finding[] {
    const state = this.states.get(document.uri);
    if (!state) return [];
    if (state.analyzedVersion !== document.version || (full && !fullDone(state, document.version))) {
      state.cancel?.();
      this.validate(document, full);
    }
    return state.findings;
  }

  /**
   * Analyses one open document synchronously and publishes its diagnostics. A light analysis runs the file
   * rules and carries the last cross-file findings through the edits; a full one re-derives the file's facts
   * and republishes other open files whose cross-file findings moved.
   */
  private validate(document: OpenDocument, full: boolean): void {
    const state = this.states.get(document.uri);
    if (!state) return;
    state.lastRun = performance.now();
    if (!full) state.lastKeyRun = state.lastRun;
    const cpu = this.logTiming ? process.cpuUsage() : undefined;
    const folder = this.folderOf(document.uri);
    const enginePath = folder.pathOf(document.uri);
    state.analyzedVersion = document.version;
    if (!folder.client.enable) {
      document.dropTree();
      state.findings = [];
      this.publish(document, []);
      return;
    }
    const text = document.text;
    const guardKey = fsPathOf(document.uri) ?? document.uri;
    const reason = skipReason(enginePath, text, folder.settings) ?? this.guard.reasonFor(guardKey);
    if (reason) {
      document.dropTree();
      state.findings = [];
      this.reanalyze(folder, folder.index.undeclare(enginePath), document.uri);
      folder.workers?.sync([enginePath]);
      state.pendingFull = undefined;
      if (folder.index.delete(enginePath)) this.workspaceMoved(folder, document.uri);
      folder.setCount(enginePath, undefined);
      this.publish(document, []);
      this.noticeSkip(document.uri, enginePath, reason);
      return;
    }
    this.notified.delete(`skip:${document.uri}`);
    const known = folder.index.get(enginePath);
    // With workers, a full analysis already asked for (or due after this pause) is not asked for again per key.
    const fullAwaited = folder.workers && (state.pendingFull !== undefined || state.factsTimer !== undefined);
    if ((!known || state.fullVersion < 0) && !fullAwaited) full = true;
    let affected: string[] = [];
    if (full && folder.workers) {
      // Declarations here (cheap, and other files' re-analyses depend on them), the rules in a worker; this
      // document gets a light analysis now and the worker's answer when it comes (if still current).
      folder.ensureModuleFor(enginePath);
      affected = folder.index.declare(folder.engine, enginePath, text, locateFile(enginePath, folder.modules, folder.settings));
      folder.workers.sync([enginePath]);
      clearTimeout(state.factsTimer);
      state.factsTimer = undefined;
      void this.analyzeInWorker(folder, document, state, enginePath, text);
      full = false;
    }
    this.guard.enter(guardKey);
    const tree = document.syntaxTree(this.parser);
    const file = new SourceFile(enginePath, text, tree);
    let factsChanged = false;
    if (full) {
      folder.ensureModuleFor(enginePath);
      // Declarations first: files that looked up one that changed are analysed again below.
      affected = folder.index.declare(folder.engine, enginePath, text, locateFile(enginePath, folder.modules, folder.settings));
      const result = indexTree(folder.engine, file, folder.modules, folder.index);
      this.logProblems(result.problems);
      factsChanged = folder.index.set(enginePath, result.entry!);
      clearTimeout(state.factsTimer);
      state.fullVersion = document.version;
      state.shifts = [];
      state.findings = this.findingsOf(folder, enginePath);
    } else {
      // A keystroke resolves types against the declarations as they stood at the last pause.
      const result = indexTree(folder.fileEngine, file, folder.modules, folder.index, false);
      this.logProblems(result.problems);
      const own = result.entry!;
      folder.index.updateOwn(enginePath, own.findings, own.summary.directives);
      const shifts = state.shifts;
      const foreign = !shifts ? [] : folder.crossFileFindings(enginePath);
      const carried = foreign.map((f) => shiftFinding(f, enginePath, shifts ?? []));
      state.findings = folder.engine.finalize(enginePath, [...own.findings, ...carried], own.summary.directives);
    }
    this.guard.leave();
    state.analyzedVersion = document.version;
    folder.setCount(enginePath, shownInProblems(this.shown(folder, enginePath, state.findings, text)));
    this.publish(document, state.findings);
    if (!full && state.factsTimer) {
      // A pause counts from the end of the analysis: on a slow file the keys were only waiting for it.
      this.lastEdit = performance.now();
      this.scheduleFacts(document, state);
    }
    if (cpu) {
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - state.lastRun;
      // waited: from the change's arrival to this analysis's start (time the key spent behind other work here).
      const waited = state.changedAt === undefined ? 0 : state.lastRun - state.changedAt;
      this.connection.console.log(`go-traps timing: ${full ? 'full' : 'light'} ${document.uri} v${document.version} wall=${wall.toFixed(2)}ms cpu=${((used.user + used.system) / 1000).toFixed(2)}ms waited=${waited.toFixed(2)}ms`);
    }
    if (factsChanged) this.workspaceMoved(folder, document.uri);
    this.reanalyze(folder, affected, document.uri);
    this.scheduleStatus();
  }

  /**
   * The full analysis of an open document in a worker, with the buffer's text. Its answer is applied only if
   * the document is still at that version and no later full analysis was asked for; otherwise it is dropped
   * (the edits since then asked for another one when typing pauses).
   */
  private async analyzeInWorker(folder: Folder, document: OpenDocument, state: DocumentState, enginePath: string, text: string): Promise<void> {
    const version = document.version;
    const ticket = ++state.fullTicket;
    state.pendingFull = version;
    const started = performance.now();
    const generation = folder.index.declarationGeneration;
    const result = await folder.workers!.analyze(folder.settings, enginePath, fsPathOf(document.uri) ?? enginePath, locateFile(enginePath, folder.modules, folder.settings), text);
    if (this.states.get(document.uri) !== state || this.documents.get(document.uri) !== document) return;
    if (ticket !== state.fullTicket || document.version !== version || !folder.client.enable) {
      this.connection.console.log(`go-traps: dropped a stale analysis of ${enginePath} (v${version}, the document is at v${document.version})`);
      if (ticket !== state.fullTicket) return;
      state.pendingFull = undefined;
      if (document.version !== version && !state.factsTimer) this.scheduleFacts(document, state);
      return;
    }
    state.pendingFull = undefined;
    if (result.entry && folder.index.changedSince(generation, result.entry.dependencies)) {
      // A declaration it read changed while it ran (another file was edited): the files that change affects were
      // worked out before this answer's lookups were known, so this one would stay stale. Ask again.
      this.connection.console.log(`go-traps: dropped an analysis of ${enginePath} that read a declaration changed meanwhile`);
      this.scheduleFacts(document, state);
      return;
    }
    this.logProblems(result.problems);
    if (!result.entry) {
      // The light analysis stands; the file's facts wait for its next change.
      state.fullVersion = version;
      this.connection.console.warn(`go-traps: skipped the full analysis of ${enginePath}: ${result.skipped}`);
      this.noticeSkip(document.uri, enginePath, result.skipped ?? 'the analysis failed');
      return;
    }
    const factsChanged = folder.index.set(enginePath, result.entry);
    state.fullVersion = version;
    state.shifts = [];
    state.findings = this.findingsOf(folder, enginePath);
    folder.setCount(enginePath, shownInProblems(this.shown(folder, enginePath, state.findings, text)));
    this.publish(document, state.findings);
    if (this.logTiming) {
      this.connection.console.log(`go-traps timing: worker ${document.uri} v${version} wall=${(performance.now() - started).toFixed(2)}ms cpu=0.00ms`);
    }
    if (factsChanged) this.workspaceMoved(folder, document.uri);
    this.scheduleStatus();
  }

  /**
   * Files whose analyses looked up a declaration that changed: open ones are analysed again in full, closed
   * ones are re-read from disk in the background; both wait for typing to pause.
   */
  private reanalyze(folder: Folder, paths: readonly string[], exceptUri?: string): void {
    if (paths.length === 0 || folder.indexing) return;
    for (const enginePath of paths) {
      const uri = this.openUriOf(folder, enginePath);
      if (uri === exceptUri) continue;
      const document = this.documents.get(uri);
      const state = document && this.states.get(uri);
      if (document && state) {
        state.fullVersion = -1;
        // An answer on its way was computed with the old declarations: it is dropped.
        state.pendingFull = undefined;
        state.fullTicket++;
        this.scheduleFacts(document, state);
      } else if (!folder.loose) {
        this.watchQueue.set(uri, FileChangeType.Changed);
      }
    }
    void this.drainWatchQueue();
  }

  /** Final findings of one indexed file; workspace rules join in once the folder's scan is complete. */
  private findingsOf(folder: Folder, enginePath: string): Finding[] {
    if (!folder.indexing) this.logProblems(folder.index.workspaceFindings(folder.engine).problems);
    return folder.findingsFor(enginePath);
  }

  /** Some file's facts changed: workspace findings may have moved in every other open file of the folder. */
  private workspaceMoved(folder: Folder, exceptUri?: string): void {
    folder.countsChanged();
    if (folder.indexing) return;
    this.problems.workspaceMoved(folder);
    for (const other of this.documents.all()) {
      if (other.uri === exceptUri || this.folderOf(other.uri) !== folder) continue;
      const state = this.states.get(other.uri);
      if (!state || state.analyzedVersion !== other.version) continue;
      const enginePath = folder.pathOf(other.uri);
      if (!folder.index.get(enginePath)) continue;
      state.findings = this.findingsOf(folder, enginePath);
      this.publish(other, state.findings);
    }
    this.scheduleStatus();
  }

  private publish(document: OpenDocument, findings: readonly Finding[]): void {
    const folder = this.folderOf(document.uri);
    const ownPath = folder.pathOf(document.uri);
    const toUri = (p: string) => (p === ownPath ? document.uri : this.openUriOf(folder, p));
    const shown = this.baselines.apply(folder.root, ownPath, document.text, findings, folder.client.baseline, this.locale);
    const diagnostics = shown.map((f) => toDiagnostic(f, document.version, toUri));
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  /**
   * What Problems shows of a file's findings: the baseline's accepted ones become hints or go. Only a file the
   * baseline names needs its text; a closed one is read from disk then.
   */
  private shown(folder: Folder, enginePath: string, findings: readonly Finding[], text?: string): readonly Finding[] {
    if (!this.baselines.has(folder.root, enginePath)) return findings;
    let source = text;
    if (source === undefined) {
      const fsPath = folder.fsPathOf(enginePath);
      try {
        source = fsPath ? readFileSync(fsPath, 'utf8') : undefined;
      } catch {
        source = undefined;
      }
    }
    return source === undefined ? findings : this.baselines.apply(folder.root, enginePath, source, findings, folder.client.baseline, this.locale);
  }

  /** The URI the client uses for a path: an open document's own spelling, else a fresh file URI. */
  private openUriOf(folder: Folder, enginePath: string): string {
    const uri = folder.uriOf(enginePath);
    return this.documents.all().find((d) => sameUri(d.uri, uri))?.uri ?? uri;
  }

  private close(uri: string): void {
    const state = this.states.get(uri);
    state?.cancel?.();
    clearTimeout(state?.factsTimer);
    this.states.delete(uri);
    this.documents.close(uri);
    this.notified.delete(`skip:${uri}`);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    const folder = this.folderOf(uri);
    const enginePath = folder.pathOf(uri);
    if (folder.loose) {
      folder.index.undeclare(enginePath);
      if (folder.index.delete(enginePath)) this.workspaceMoved(folder);
      folder.setCount(enginePath, undefined);
      return;
    }
    // The buffer may have held unsaved text; the disk is the truth again.
    this.problems.closed(folder, uri, enginePath);
    this.watchQueue.set(uri, FileChangeType.Changed);
    void this.drainWatchQueue();
  }

  private noticeSkip(uri: string, enginePath: string, reason: string): void {
    this.connection.console.info(`go-traps: skipped ${enginePath}: ${reason}`);
    // Exclusions and generated files are silent by design; a size or content limit deserves a word.
    if (reason.startsWith('excluded') || reason.startsWith('generated')) return;
    if (this.notified.get(`skip:${uri}`) === reason) return;
    this.notified.set(`skip:${uri}`, reason);
    this.notice(MessageType.Info, `Go Traps skipped ${path.basename(enginePath)}: ${reason}.`);
  }

  /** What the scan's walk left out (links, pipes) is counted as skipped; what it could not read is said once. */
  private noticeWalk(folder: Folder, root: string, skipped: readonly { path: string; reason: string }[], problems: readonly { path: string; message: string }[]): void {
    for (const s of skipped) {
      folder.skipped.set(s.path, s.reason);
      this.connection.console.info(`go-traps: skipped ${s.path}: ${s.reason}`);
    }
    for (const p of problems) this.connection.console.warn(`go-traps: ${p.path}: ${p.message}`);
    if (problems.length === 0) return;
    const line = `Go Traps could not read ${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} in ${path.basename(root)} (${problems[0].path}: ${problems[0].message}); the rest is analyzed.`;
    if (this.notified.get(`walk:${root}`) === line) return;
    this.notified.set(`walk:${root}`, line);
    this.notice(MessageType.Warning, line);
  }

  /** Where this thread's memory is (GO_TRAPS_TIMING=1), for the benchmark; the workers' heaps are in RSS only. */
  private logMemory(): void {
    const mib = (n: number) => `${Math.round(n / 2 ** 20)}`;
    const m = process.memoryUsage();
    this.connection.console.log(`go-traps: memory rss=${mib(m.rss)} heapUsed=${mib(m.heapUsed)} heapTotal=${mib(m.heapTotal)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)} MiB`);
  }

  /** A one-way message for the user: a notification, so nothing waits on the user dismissing it. */
  private notice(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  /** A rule that throws is logged once, with its stack; the other rules' findings still stand. */
  private logProblems(problems: readonly AnalysisProblem[]): void {
    for (const problem of problems) {
      const key = problem.ruleId ?? problem.message.split('\n')[0];
      if (this.failedRules.has(key)) continue;
      this.failedRules.add(key);
      this.connection.console.error(`go-traps: rule ${problem.ruleId ?? '?'} failed on ${problem.path || 'the workspace'} (reported once; other rules still run): ${problem.message}`);
      this.notice(MessageType.Warning, `Go Traps: rule ${problem.ruleId ?? '?'} failed and was skipped; the other rules still run. Details in the Go Traps output.`);
    }
  }

  // ---- code actions and commands ----------------------------------------------------------------------------

  private codeActions(uri: string, diagnostics: Parameters<typeof quickFixes>[1], only: string[] | undefined, range?: Range): CodeAction[] {
    const document = this.documents.get(uri);
    if (!document) return [];
    const lines = document.text.split('\n');
    const folder = this.folderOf(uri);
    const view: DocumentView = {
      uri,
      version: document.version,
      lineText: (line: number) => lines[line] ?? '',
      packageLine: () => packageClauseLine(lines),
      configFileName: path.basename(folder.client.configFile || CONFIG_FILE_NAME),
    };
    const actions: CodeAction[] = [];
    if (wanted(CodeActionKind.QuickFix, only)) {
      actions.push(...quickFixes(view, diagnostics, this.locale, this.features));
      // Fix-all in the light bulb menu too, where people look for it, when the cursor is on a finding.
      const fixAll = diagnostics.length > 0 ? fixAllAction(uri, document.version, folder.pathOf(uri), this.freshFindings(document), this.locale, CodeActionKind.QuickFix) : undefined;
      const firstCommand = actions.findIndex((a) => !a.edit);
      if (fixAll) actions.splice(firstCommand < 0 ? actions.length : firstCommand, 0, fixAll);
      // A package-wide fix whose finding sits in another file, offered where it edits this one; only while the
      // index holds this very text, so the edits fit it.
      const state = this.states.get(uri);
      if (range && state && fullDone(state, document.version) && !folder.indexing) {
        const foreign = [...folder.index.workspaceFindings(folder.engine).byPath.values()].flat();
        const wide = packageWideFixes(foreign, folder.pathOf(uri), range, uri, document.version, (p) => folder.uriOf(p));
        const at = actions.findIndex((a) => !a.edit);
        actions.splice(at < 0 ? actions.length : at, 0, ...wide);
      }
    }
    if (wanted(FIX_ALL_KIND, only)) {
      const fixAll = fixAllAction(uri, document.version, folder.pathOf(uri), this.freshFindings(document, true), this.locale);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private async executeCommand(command: string, args: unknown[]): Promise<void> {
    if (command !== ShowRuleDocumentationCommand || typeof args[0] !== 'string') return;
    const url = docsUrl(args[0]);
    if (this.can.showDocument) await this.connection.window.showDocument({ uri: url, external: true });
    else this.notice(MessageType.Info, `Go Traps: ${args[0]} — ${url}`);
  }

  // ---- workspace index --------------------------------------------------------------------------------------

  private typing(): boolean {
    return performance.now() - this.lastEdit < FACTS_PAUSE_MS;
  }

  /** Resolves once no document has changed for FACTS_PAUSE_MS: background analyses never delay a keystroke. */
  private async untilTypingPauses(): Promise<void> {
    while (this.typing()) {
      await new Promise((resolve) => setTimeout(resolve, this.lastEdit + FACTS_PAUSE_MS - performance.now() + 1));
    }
  }

  /** Scans every folder again and resolves when the last scan of each has finished (superseded ones do not count). */
  private async rescanAll(): Promise<void> {
    await Promise.all(
      this.folders.map(async (folder) => {
        await folder.ready;
        await this.scan(folder);
        while (folder.indexing) await folder.scanned;
      }),
    );
    // The client reads the count when this request returns: the status must not lag behind it.
    this.flushStatus();
  }

  /**
   * Scans a folder's Go files in the background (exclusions honoured), yielding to the event loop between
   * files so open documents are analysed meanwhile. Open documents feed the index from their buffers.
   */
  private async scan(folder: Folder): Promise<void> {
    const root = folder.root;
    if (!root) return;
    let finished!: () => void;
    folder.scanned = new Promise((resolve) => (finished = resolve));
    try {
      await this.scanOnce(folder, root);
    } finally {
      finished();
    }
  }

  private async scanOnce(folder: Folder, root: string): Promise<void> {
    const generation = ++folder.scanGeneration;
    const scanStarted = performance.now();
    folder.keptDeclarations = 0;
    folder.holdCrossFileFindings();
    folder.index.clear();
    void folder.workers?.syncAll();
    folder.skipped.clear();
    folder.countsChanged(true);
    if (!folder.client.enable) {
      folder.indexing = false;
      this.problems.folderChanged(folder);
      this.revalidateOpen(folder);
      this.scheduleStatus();
      return;
    }
    folder.indexing = true;
    this.revalidateOpen(folder);
    this.scheduleStatus();
    const progress: ProgressReporter = await startProgress(this.connection, this.can.progress && !this.features.progressInStatus, 'Go Traps: indexing', (scan) => {
      // The first report says how many files there are: worth showing at once, the rest can wait a moment.
      const first = !folder.scanProgress && scan;
      folder.scanProgress = scan;
      if (first) this.flushStatus();
      else this.scheduleStatus();
    });
    try {
      const { files, modules, skipped: walkSkipped, problems: walkProblems } = await walkGoFiles([root], root, folder.settings);
      if (generation !== folder.scanGeneration) return;
      this.noticeWalk(folder, root, walkSkipped, walkProblems);
      // The walk found every go.mod of the folder (and the one above it): the list replaces the guesses made
      // for files opened before the scan, in one step, so no file is ever placed with half a list.
      folder.modules = modules;
      if (folder.workers) {
        folder.workers.scanning(true);
        if (!(await this.scanInWorkers(folder, folder.workers, files, progress, () => generation === folder.scanGeneration))) return;
      } else if (!(await this.scanHere(folder, files, progress, () => generation === folder.scanGeneration))) return;
      if (generation !== folder.scanGeneration) return;
      folder.indexing = false;
      folder.workers?.scanning(false);
      // The workspace rules' cross-file check stays on this thread, over the facts the workers sent back.
      const checkStarted = performance.now();
      this.logProblems(folder.index.workspaceFindings(folder.engine).problems);
      const checkMs = performance.now() - checkStarted;
      folder.countsChanged(true);
      this.problems.folderChanged(folder);
      // Documents opened during the scan were analysed with part of the folder's declarations: again, in full
      // (the workers' scan did so at its end).
      if (!folder.workers) this.revalidateOpen(folder);
      const skipped = folder.skipped.size;
      progress.done(`${folder.index.size} files${skipped ? `, ${skipped} skipped` : ''}`);
      const where = folder.workers ? `in ${countOf(SCAN_JOBS, 'worker thread')}` : 'on the main thread';
      const kept = folder.keptDeclarations > 0 ? `; declarations of ${countOf(folder.keptDeclarations, 'unchanged file')} kept` : '';
      this.connection.console.info(describeSkipped(`go-traps: indexed ${countOf(folder.index.size, 'file')} in ${root} ${where} in ${((performance.now() - scanStarted) / 1000).toFixed(1)} s; workspace rules ${checkMs.toFixed(0)} ms${kept}`, folder.skipped));
      this.workspaceMoved(folder);
      if (this.logTiming) this.logMemory();
    } catch (error) {
      this.connection.console.error(`go-traps: scan of ${root} failed: ${(error as Error).stack ?? error}`);
      if (generation === folder.scanGeneration) folder.indexing = false;
      this.workspaceMoved(folder);
    } finally {
      progress.done();
    }
  }

  /**
   * The scan on this thread: declarations of every file, then each closed file's rules, yielding between files
   * and while the user types. Returns false when a newer scan took over.
   */
  private async scanHere(folder: Folder, files: readonly string[], progress: ProgressReporter, current: () => boolean): Promise<boolean> {
    {
      let slice = Date.now();
      // Declarations first, from the text alone, so that every file's rules resolve types across the folder.
      for (let i = 0; i < files.length; i++) {
        if (Date.now() - slice > 8 || this.typing()) {
          await new Promise((resolve) => setImmediate(resolve));
          await this.untilTypingPauses();
          if (!current()) return false;
          slice = Date.now();
        }
        const uri = uriOfFsPath(files[i]);
        const enginePath = folder.pathOf(uri);
        const open = this.documents.all().find((d) => sameUri(d.uri, uri));
        // A file held back by the crash guard is not read at all; the others never through a link or a pipe.
        if (this.guard.reasonFor(files[i])) continue;
        const text = open ? open.text : await readTextFile(files[i]).catch(() => undefined);
        if (!current()) return false;
        if (text === undefined || skipReason(enginePath, text, folder.settings)) continue;
        this.guard.enter(files[i]);
        folder.index.declare(folder.engine, enginePath, text, locateFile(enginePath, folder.modules, folder.settings));
        this.guard.leave();
      }
      for (let i = 0; i < files.length; i++) {
        if (Date.now() - slice > 8 || this.typing()) {
          await new Promise((resolve) => setImmediate(resolve));
          await this.untilTypingPauses();
          if (!current()) return false;
          slice = Date.now();
        }
        progress.report(i, files.length);
        const uri = uriOfFsPath(files[i]);
        if (this.documents.all().some((d) => sameUri(d.uri, uri))) continue;
        await this.indexFromDisk(folder, folder.pathOf(uri), files[i], current);
      }
    }
    return current();
  }

  /**
   * The scan in the folder's workers: every closed file's declarations read by the workers in parallel (open
   * documents' from their buffers, here), the whole index sent to every worker, then the closed files' rules,
   * each result applied as it arrives. No tree is kept here. While the user types, the workers get no new file
   * (they would take the cores keystrokes need). Returns false when a newer scan took over.
   */
  private async scanInWorkers(folder: Folder, workers: FolderWorkers, files: readonly string[], progress: ProgressReporter, current: () => boolean): Promise<boolean> {
    const isOpen = (file: string) => this.documents.all().find((d) => sameUri(d.uri, uriOfFsPath(file)));
    const width = workers.width * 3;
    const closed: string[] = [];
    const seen = new Set<string>();
    let kept = 0;
    progress.report(0, files.length);
    await eachInParallel(files.length, width, async (i) => {
      if (!current()) return;
      const file = files[i];
      const enginePath = folder.pathOf(uriOfFsPath(file));
      const held = this.guard.reasonFor(file);
      if (held) {
        folder.skipped.set(enginePath, held);
        return;
      }
      const location = locateFile(enginePath, folder.modules, folder.settings);
      const open = isOpen(file);
      if (open) {
        if (!skipReason(enginePath, open.text, folder.settings)) folder.index.declare(folder.engine, enginePath, open.text, location);
        return;
      }
      await this.untilTypingPauses();
      if (!current()) return;
      const place = JSON.stringify(location);
      const known = folder.scannedDeclarations.get(enginePath);
      const declared = await workers.declare(folder.settings, enginePath, file, location, known?.location === place ? known.hash : undefined);
      if (!current()) return;
      // A document opened meanwhile declared itself from its buffer.
      if (isOpen(file)) return;
      seen.add(enginePath);
      if ('skipped' in declared) {
        folder.scannedDeclarations.delete(enginePath);
        this.skipInScan(folder, enginePath, declared.skipped);
        return;
      }
      if ('unchanged' in declared) {
        folder.index.setDecls(enginePath, known!.packageKey, known!.decls);
        kept++;
      } else {
        folder.index.setDecls(enginePath, declared.packageKey, declared.decls);
        if (declared.hash !== undefined) folder.scannedDeclarations.set(enginePath, { hash: declared.hash, location: place, packageKey: declared.packageKey, decls: declared.decls });
        else folder.scannedDeclarations.delete(enginePath);
      }
      closed.push(file);
    });
    if (!current()) return false;
    // Files gone since the last scan (or open now) have nothing to keep.
    for (const path of folder.scannedDeclarations.keys()) if (!seen.has(path)) folder.scannedDeclarations.delete(path);
    folder.keptDeclarations = kept;
    await workers.syncAll();
    if (!current()) return false;
    // Files skipped, held back or open count as done: the total is every Go file, as on this thread.
    let done = files.length - closed.length;
    await eachInParallel(closed.length, width, async (i) => {
      if (!current()) return;
      // Workers share the cores with this thread: while the user types, no new file is handed out.
      await this.untilTypingPauses();
      if (!current()) return;
      const file = closed[i];
      const enginePath = folder.pathOf(uriOfFsPath(file));
      const result = await workers.analyze(folder.settings, enginePath, file, locateFile(enginePath, folder.modules, folder.settings));
      progress.report(++done, files.length);
      // An open document's own analysis is the truth for it.
      if (!current() || isOpen(file)) return;
      this.logProblems(result.problems);
      if (!result.entry) {
        this.skipInScan(folder, enginePath, result.skipped ?? '');
        this.reanalyze(folder, folder.index.undeclare(enginePath));
        workers.sync([enginePath]);
        return;
      }
      folder.skipped.delete(enginePath);
      folder.index.set(enginePath, result.entry);
    });
    if (!current()) return false;
    // Open documents last, in full, against the whole index (the ones opened meanwhile saw part of it): the scan
    // ends with every file's facts in.
    await Promise.all(
      this.documents.all().map((document) => {
        const state = this.states.get(document.uri);
        const enginePath = folder.pathOf(document.uri);
        if (!state || this.folderOf(document.uri) !== folder || !folder.index.types.declsOf(enginePath)) return undefined;
        return this.analyzeInWorker(folder, document, state, enginePath, document.text);
      }),
    );
    return current();
  }

  /** A file the scan leaves out; a worker that failed or ran over the budget is worth a line in the log. */
  private skipInScan(folder: Folder, enginePath: string, reason: string): void {
    folder.skipped.set(enginePath, reason);
    folder.setCount(enginePath, undefined);
    if (!reason.startsWith('excluded') && !reason.startsWith('generated')) this.connection.console.warn(`go-traps: skipped ${enginePath}: ${reason}`);
  }

  /** Reads one file from disk into the index; returns true when its facts changed. */
  private async indexFromDisk(folder: Folder, enginePath: string, fsPath: string, current: () => boolean = () => true): Promise<boolean> {
    const held = this.guard.reasonFor(fsPath);
    if (held) {
      folder.skipped.set(enginePath, held);
      folder.setCount(enginePath, undefined);
      return folder.index.delete(enginePath);
    }
    let text: string;
    try {
      text = await readTextFile(fsPath);
      // A scan superseded while the file was read must not write into the new scan's index.
      if (!current()) return false;
    } catch {
      folder.setCount(enginePath, undefined);
      this.reanalyze(folder, folder.index.undeclare(enginePath));
      folder.workers?.sync([enginePath]);
      return folder.index.delete(enginePath);
    }
    let result: IndexedFile;
    const workers = folder.workers;
    if (workers) {
      // Declarations here (cheap; the files they affect are known at once), the rules in a worker.
      if (!skipReason(enginePath, text, folder.settings)) {
        this.reanalyze(folder, folder.index.declare(folder.engine, enginePath, text, locateFile(enginePath, folder.modules, folder.settings)));
        workers.sync([enginePath]);
        result = await workers.analyze(folder.settings, enginePath, fsPath, locateFile(enginePath, folder.modules, folder.settings), text);
      } else {
        result = { skipped: skipReason(enginePath, text, folder.settings), problems: [] };
      }
      // Opened meanwhile: the document's own analysis is the truth; superseded: the new scan's index is.
      if (!current() || this.documents.get(this.openUriOf(folder, enginePath))) return false;
      if (!result.entry && result.skipped && !result.skipped.startsWith('excluded') && !result.skipped.startsWith('generated')) {
        this.connection.console.warn(`go-traps: skipped ${enginePath}: ${result.skipped}`);
      }
    } else {
      // Declaring reads the text too: the guard covers it with the analysis.
      this.guard.enter(fsPath);
      if (!skipReason(enginePath, text, folder.settings)) {
        this.reanalyze(folder, folder.index.declare(folder.engine, enginePath, text, locateFile(enginePath, folder.modules, folder.settings)));
      }
      result = indexText(folder.engine, this.parser, enginePath, text, folder.modules, folder.index);
      this.guard.leave();
    }
    this.logProblems(result.problems);
    if (!result.entry) {
      folder.skipped.set(enginePath, result.skipped ?? '');
      folder.setCount(enginePath, undefined);
      this.reanalyze(folder, folder.index.undeclare(enginePath));
      folder.workers?.sync([enginePath]);
      return folder.index.delete(enginePath);
    }
    folder.skipped.delete(enginePath);
    const changed = folder.index.set(enginePath, result.entry);
    // Its own findings may change with or without its facts (a declaration it uses changed elsewhere);
    // cross-file ones are recounted by workspaceMoved.
    if (!folder.indexing) folder.setCount(enginePath, shownInProblems(this.shown(folder, enginePath, folder.index.findingsFor(folder.engine, enginePath), text)));
    return changed;
  }

  /**
   * Files changed on disk (a checkout, codegen, another editor): re-derive only those. Open documents are
   * left alone, their buffers are the truth. The config file and go.mod change what every file means.
   */
  private async drainWatchQueue(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      const moved = new Set<Folder>();
      while (this.watchQueue.size > 0) {
        // One file's analysis cannot be interrupted: it waits for a pause rather than land between two keys.
        await this.untilTypingPauses();
        if (this.watchQueue.size === 0) break;
        const [uri, type] = this.watchQueue.entries().next().value as [string, FileChangeType];
        this.watchQueue.delete(uri);
        const folder = this.folderOf(uri);
        const fsPath = fsPathOf(uri);
        if (folder.loose || !fsPath) continue;
        const name = path.basename(fsPath);
        if (fsPath === configFilePath(folder.root!, folder.client) || name === CONFIG_FILE_NAME) {
          await this.reconfigure(folder);
          continue;
        }
        if (name === 'go.mod') {
          await this.scan(folder);
          continue;
        }
        if (isBaselineFile(fsPath)) {
          await this.baselines.load(folder.root!);
          this.revalidateOpen(folder);
          folder.countsChanged(true);
          this.problems.folderChanged(folder);
          continue;
        }
        if (this.documents.get(uri) || !folder.client.enable) continue;
        const enginePath = folder.pathOf(uri);
        if (!fsPath.endsWith('.go')) {
          // A deleted directory arrives as one event for the directory.
          const affected: string[] = [];
          if (type === FileChangeType.Deleted && folder.index.deleteUnder(enginePath, affected) > 0) {
            moved.add(folder);
            this.problems.folderChanged(folder);
            void folder.workers?.syncAll();
          }
          this.reanalyze(folder, affected);
          continue;
        }
        if (type === FileChangeType.Deleted) {
          this.reanalyze(folder, folder.index.undeclare(enginePath));
          folder.workers?.sync([enginePath]);
        }
        const changed =
          type === FileChangeType.Deleted
            ? folder.index.delete(enginePath)
            : await this.indexFromDisk(folder, enginePath, fsPath);
        if (type === FileChangeType.Deleted) folder.setCount(enginePath, undefined);
        this.problems.fileChanged(folder, enginePath);
        if (changed) moved.add(folder);
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const folder of moved) this.workspaceMoved(folder);
      this.scheduleStatus();
    } finally {
      this.draining = false;
    }
  }

  private async changeFolders(added: { uri: string }[], removed: { uri: string }[]): Promise<void> {
    for (const gone of this.folders.filter((f) => removed.some((r) => r.uri === f.uri))) {
      this.problems.removeFolder(gone);
      gone.scanGeneration++;
      gone.workers?.dispose();
    }
    this.folders = this.folders.filter((f) => !removed.some((r) => r.uri === f.uri));
    for (const r of removed) void this.connection.sendDiagnostics({ uri: r.uri, diagnostics: [] });
    for (const a of added) {
      const root = fsPathOf(a.uri);
      if (!root) continue;
      const folder = this.newFolder(a.uri, root);
      this.folders.push(folder);
      await this.configure(folder);
      folder.settled();
      void this.scan(folder);
    }
    this.revalidateOpen(this.loose);
  }

  // ---- status ------------------------------------------------------------------------------------------------

  /** The status bar's numbers, sent a moment after things settle and only when they changed. */
  private scheduleStatus(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.sendStatus();
    }, 100);
  }

  status(): StatusParams {
    const all = [...this.folders, this.loose];
    const broken = all.find((f) => f.team.problems.length > 0 && f.team.file);
    const scanning = all.filter((f) => f.indexing && f.scanProgress);
    const skipped = all.reduce((sum, f) => sum + f.skipped.size, 0);
    return {
      trapCount: all.reduce((sum, f) => sum + f.trapCount((p, list) => this.shown(f, p, list)), 0),
      indexing: all.some((f) => f.indexing),
      filesIndexed: all.reduce((sum, f) => sum + f.index.size, 0),
      ...(scanning.length > 0
        ? { scan: { done: scanning.reduce((sum, f) => sum + f.scanProgress!.done, 0), total: scanning.reduce((sum, f) => sum + f.scanProgress!.total, 0) } }
        : {}),
      ...(skipped > 0 ? { filesSkipped: skipped } : {}),
      ...(broken ? { configError: describeProblems(broken.team.file!, broken.team.problems, this.locale), configUri: uriOfFsPath(broken.team.file!) } : {}),
    };
  }

  /** Sends the status now (if it changed) instead of at the end of the pending delay. */
  private flushStatus(): void {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.sendStatus();
  }

  private sendStatus(): void {
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    void this.connection.sendNotification(StatusNotification, status);
  }
}

/** Runs `task(0..count-1)` with at most `width` of them in flight, each taking the next index when it is done. */
async function eachInParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}
