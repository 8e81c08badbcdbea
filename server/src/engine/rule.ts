/** The rule contract: metadata beside logic, file rules over one tree, workspace rules over per-file facts. */
import type { SyntaxNode } from '../go/parser';
import type { Resolver } from '../go/resolver';
import type { Settings } from './config';
import type { SourceFile } from '../go/source';
import type { FileEdit, FixGroup, Message, Range, RuleMeta, Severity } from './types';

export interface FixDescriptor {
  title: Message;
  edits: FileEdit[];
  /** Defaults to true: only mark a fix unsafe when it needs a person's judgement (fix-all skips it). */
  safe?: boolean;
  /** Fix-all applies the group's combined edits when it takes every member (see FixGroup). */
  group?: FixGroup;
}

export interface RelatedDescriptor {
  path: string;
  range: Range;
  message: Message;
}

export interface ReportDescriptor {
  /** Either the node to flag or an explicit range. */
  node?: SyntaxNode;
  range?: Range;
  messageId: string;
  data?: Record<string, string | number>;
  related?: RelatedDescriptor[];
  fixes?: FixDescriptor[];
  /**
   * A severity decided for this finding by a setting of its own (migration code's findings), which wins over
   * the rule's severity and its override in `rules`.
   */
  severity?: Severity;
}

export interface FileContext {
  readonly file: SourceFile;
  /** Where the file sits: its module (and the module's Go version), package directory and domain. */
  readonly location: FileLocation;
  readonly settings: Settings;
  /** Types of expressions, across the file's package and its imports; null answers mean "unknown: stay silent". */
  readonly types: Resolver;
  report(descriptor: ReportDescriptor): void;
}

/** A rule that needs nothing beyond one file's syntax tree. */
export interface FileRule {
  readonly meta: RuleMeta;
  readonly kind: 'file';
  check(context: FileContext): void;
}

/** Where a file sits: its module and the business domain it belongs to (if any). */
export interface FileLocation {
  path: string;
  /** The module path from go.mod, '' when the file is in no module. */
  modulePath: string;
  /** The file's directory relative to its module root, '' for the root. */
  packageDir: string;
  /**
   * The business domain as the folder alone says it ('' for composition roots and infrastructure). What the
   * views and db-shared-pool show is the workspace's answer (engine/placements.ts), which also reads the code
   * (a package of handlers is a front-end): ask that, not this, whether a package is a domain.
   */
  domain: string;
  /** The module's `go` version from go.mod ('' when unknown): a fix may use only what this Go has. */
  goVersion: string;
}

export interface WorkspaceContext<Facts> {
  readonly settings: Settings;
  /** Every analysed file that produced facts for this rule. */
  readonly files: ReadonlyArray<{ location: FileLocation; facts: Facts }>;
  /** Reports in any file; workspace rules have no trees, so they report ranges recorded in their facts. */
  report(path: string, descriptor: Omit<ReportDescriptor, 'node'> & { range: Range }): void;
}

/**
 * A rule that sees the whole workspace through small per-file facts: `collect` runs once per parsed file and
 * returns plain JSON-able data (or undefined when the file has nothing of interest); `check` runs over all of
 * them, so a large workspace is never held in memory as syntax trees.
 */
export interface WorkspaceRule<Facts = unknown> {
  readonly meta: RuleMeta;
  readonly kind: 'workspace';
  collect(file: SourceFile, settings: Settings, location: FileLocation, types: Resolver): Facts | undefined;
  check(context: WorkspaceContext<Facts>): void;
}

export type Rule = FileRule | WorkspaceRule<any>;

/** Typed identity helpers so rule files read declaratively. */
export function defineFileRule(rule: Omit<FileRule, 'kind'>): FileRule {
  return { ...rule, kind: 'file' };
}

export function defineWorkspaceRule<Facts>(rule: Omit<WorkspaceRule<Facts>, 'kind'>): WorkspaceRule<Facts> {
  return { ...rule, kind: 'workspace' };
}
