/**
 * The contract between the VS Code client and the language server: settings and custom `goTraps/…`
 * messages. Both sides import this one module (the client through the esbuild alias `@protocol`), so it must
 * stay free of runtime dependencies on either side.
 */
import type { Locale, Position, Range, Severity } from './engine/types';
import type { PackagePlacement } from './engine/placements';

export type { Locale, PackagePlacement, Position, Range, Severity };

/** `goTraps.*` settings as the client sends them (per resource scope). */
export interface ClientSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Which files' findings go to Problems: every indexed file, or open editors only. */
  problems: 'workspace' | 'openFiles';
  /** Per-rule severity overrides on top of `.go-traps.json`. */
  rules: Record<string, Severity | 'off'>;
  /** Path of the team config file, relative to the workspace folder; '' → `.go-traps.json` at its root. */
  configFile: string;
  /** What the editor does with the findings `.go-traps-baseline.json` accepted. */
  baseline: BaselineMode;
}

/** `hint`: shown as hints; `hide`: not shown; `ignore`: the baseline is ignored, they show like any finding. */
export type BaselineMode = 'hint' | 'hide' | 'ignore';

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { enable: true, run: 'onType', problems: 'workspace', rules: {}, configFile: '', baseline: 'hint' };

/** A finding as the client sees it: like the engine's, with a URI instead of a path. */
export interface WireFinding {
  uri: string;
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
}

export type ChecklistStatus = 'pass' | 'warn' | 'fail';

/** One architecture concern of the checklist. */
export interface ChecklistItem {
  id: string;
  title: string;
  status: ChecklistStatus;
  /** One line: why it has this status. */
  detail: string;
  /** Rule ids behind the concern (empty for concerns measured otherwise, e.g. pprof wired). */
  rules: string[];
  findings: WireFinding[];
  /** A command that helps with the concern, e.g. the calculator for the split decision (added for the client). */
  command?: { id: string; title: string };
  /** For the domains item: every package folder, taken as a domain or set apart, and why. */
  placements?: PackagePlacement[];
}

/** What the split-threshold calculator takes. */
export interface SplitInput {
  /** Sustained QPS and core team size; undefined until the user gives them (the check then says "not given"). */
  qps?: number;
  teamSize?: number;
  couplingScore: number;
  /** Decision signals (optional): slowest interface's average response time, releases per day, cross-module call share (0..1). */
  slowestResponseMs?: number;
  releasesPerDay?: number;
  crossModuleCallShare?: number;
}

export interface SplitDecision {
  split: boolean;
  /** Which thresholds were crossed: 'qps' | 'team' | 'coupling'. */
  reasons: ('qps' | 'team' | 'coupling')[];
  /** Short verdict, e.g. "Converge: fix the monolith first". */
  verdict: string;
  /** Actions from the signal table for the signals that are past their warning line. */
  actions: string[];
  /** Every threshold and signal with its value, so a UI can show why (added for the calculator). */
  checks?: SplitCheck[];
}

/** One line of the split model: a threshold (qps, team, coupling) or a decision signal, and whether it fired. */
export interface SplitCheck {
  id: 'qps' | 'team' | 'coupling' | 'responseTime' | 'releases' | 'crossCalls';
  kind: 'threshold' | 'signal';
  /** The input value; undefined when the optional signal was not given. */
  value?: number;
  /** The line it is compared with, and how: '>' or '>='. */
  limit: number;
  comparison: '>' | '>=';
  fired: boolean;
  /** What it means or what to do, in the requested language. */
  note: string;
}

export interface CouplingComponent {
  id: 'imports' | 'calls' | 'sharedDb';
  label: string;
  /** 0..1 */
  value: number;
  weight: number;
  explanation: string;
}

export interface DomainEdge {
  from: string;
  to: string;
  /** 0..1 strength of the coupling between the two domains. */
  weight: number;
  imports: number;
  calls: number;
}

export interface CouplingReport {
  /** 0 = loose, 1 = tight. */
  score: number;
  components: CouplingComponent[];
  domains: string[];
  edges: DomainEdge[];
  /** DB handles used by more than one domain, with the domains using each. */
  sharedHandles: { handle: string; domains: string[] }[];
  /** Tables named in the SQL of more than one domain (added for the calculator). */
  sharedTables?: { table: string; domains: string[] }[];
  /** Share (0..1) of calls made by domain code that go into another domain: prefills the calculator's signal. */
  crossModuleCallShare?: number;
  /** Non-test Go files the measure is based on. */
  filesMeasured?: number;
  /** Every package folder: taken as a domain or set apart, and why (the engine's one answer). */
  placements?: PackagePlacement[];
}

export interface WorkspaceReport {
  /** True while the background scan is still running: counts may grow. */
  indexing: boolean;
  filesIndexed: number;
  checklist: ChecklistItem[];
  coupling: CouplingReport;
}

/** Where rule documentation lives; must equal `DOCS_BASE_URL` of the rule registry (a test checks). */
export const RULE_DOCS_BASE_URL = 'https://github.com/go-traps/go-traps/blob/main/docs/rules/';

/** client → server request: the checklist, findings and coupling for the whole workspace. */
export const WorkspaceReportRequest = 'goTraps/workspaceReport';
/** client → server request: drop the index and scan the workspace again; resolves when the scan ends. */
export const AnalyzeWorkspaceRequest = 'goTraps/analyzeWorkspace';
/** client → server request: the split decision for given inputs (the model lives in the engine). */
export const SplitDecisionRequest = 'goTraps/splitDecision';
/** server → client notification: trap count for the status bar, sent whenever it changes. */
export const StatusNotification = 'goTraps/status';

/**
 * Opens a rule's documentation. Argument: the rule id. A client that declares `clientCommands` registers it
 * (the VS Code client opens the shipped page in a Markdown preview); otherwise the server executes it
 * (advertised through `executeCommandProvider`) and asks the client to show the web page.
 */
export const ShowRuleDocumentationCommand = 'goTraps.showRuleDocumentation';
/** client command, from a code action: asks for the reason, then inserts the suppression. Argument: SuppressArgs. */
export const SuppressCommand = 'goTraps.suppress';
/** client command, from a code action: sets the rule to "off" in the team config file. Argument: TurnRuleOffArgs. */
export const TurnRuleOffCommand = 'goTraps.turnRuleOff';

/** What the client can do itself; sent in `initializationOptions.features`. */
export interface ClientFeatures {
  /** The client shows the scan's progress from `goTraps/status`: the server creates no work-done progress. */
  progressInStatus?: boolean;
  /** The client registers SuppressCommand, TurnRuleOffCommand and ShowRuleDocumentationCommand. */
  clientCommands?: boolean;
  /** Hovers may link to `command:` URIs of the client commands. */
  commandLinks?: boolean;
}

/** Where and how to insert a suppression: `prefix + reason + suffix` at `position`. */
export interface SuppressArgs {
  uri: string;
  /** The document version the position was computed for. */
  version: number;
  ruleId: string;
  scope: 'line' | 'file';
  position: Position;
  prefix: string;
  suffix: string;
}

export interface TurnRuleOffArgs {
  /** The document the finding is in: its workspace folder's config file is edited. */
  uri: string;
  ruleId: string;
}

export interface StatusParams {
  /** Findings listed in Problems (every severity but hint), over the whole workspace. */
  trapCount: number;
  indexing: boolean;
  filesIndexed: number;
  /** While a scan runs: the files read so far and the Go files it found. */
  scan?: { done: number; total: number };
  /** Files the scans skipped (generated, too large, binary); the output names them. */
  filesSkipped?: number;
  /** Set when `.go-traps.json` is broken: one clear line, defaults apply meanwhile. */
  configError?: string;
  /** The broken config file's URI, for "Open .go-traps.json". */
  configUri?: string;
}
