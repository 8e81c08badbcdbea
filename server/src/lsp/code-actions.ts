/**
 * Code actions rebuilt from the diagnostics the client sends back (their `data` holds the fix edits), so no
 * server-side cache can go stale; fix-all is the one action computed from a fresh analysis.
 */
import {
  CodeAction,
  CodeActionKind,
  Command,
  Diagnostic,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { ClientFeatures, ShowRuleDocumentationCommand, SuppressArgs, SuppressCommand, TurnRuleOffArgs, TurnRuleOffCommand } from '../protocol';
import { planFixes } from '../engine/fix-all';
import type { Finding, Locale, Range } from '../engine/types';
import { SUPPRESSION_RULE_ID } from '../traps/meta/invalid-suppression';
import { dataOf, toDiagnostic, WireFix } from './diagnostics';

/** `source.fixAll.goTraps`: every safe fix in the file, usable from `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.goTraps`;

const TEXT = {
  suppressLine: { en: 'Suppress {rule} on this line…', zh: '在此行抑制 {rule}…' },
  suppressFile: { en: 'Suppress {rule} in this file…', zh: '在此文件中抑制 {rule}…' },
  turnOff: { en: 'Turn {rule} off in {file}', zh: '在 {file} 中关闭 {rule}' },
  docs: { en: 'Show documentation for {rule}', zh: '查看 {rule} 的文档' },
  fixAll: { en: 'Fix all auto-fixable Go Traps problems', zh: '修复所有可自动修复的 Go Traps 问题' },
  fixAllCount: { en: 'Fix all {count} auto-fixable Go Traps problems in this file', zh: '修复此文件中全部 {count} 个可自动修复的 Go Traps 问题' },
};

function say(text: { en: string; zh: string }, locale: Locale, data: Record<string, string | number> = {}): string {
  return (locale === 'zh-cn' ? text.zh : text.en).replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** True when an action of `kind` is wanted under the client's `only` filter (kinds are dotted hierarchies). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export interface DocumentView {
  uri: string;
  version: number;
  lineText(line: number): string;
  /** The line of the `package` clause, below which a file-wide suppression goes. */
  packageLine(): number | undefined;
  /** The team config file's name, for the "turn off" title. */
  configFileName: string;
}

/**
 * Quick fixes for the go-traps diagnostics in the request: the rule's fixes, then (for clients that can ask
 * for a reason) suppression on the line or in the file, turning the rule off for the team, and the rule's
 * documentation. Actions that concern a rule rather than a finding are offered once per rule.
 */
export function quickFixes(document: DocumentView, diagnostics: readonly (Diagnostic | null)[], locale: Locale, features: ClientFeatures): CodeAction[] {
  const actions: CodeAction[] = [];
  const perRule: CodeAction[] = [];
  const rulesSeen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const data = dataOf(diagnostic);
    if (!data || !diagnostic) continue;
    data.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0,
        edit: workspaceEdit(fix, document.uri, data.version),
      });
    });
    const rule = data.ruleId;
    // A suppression of the suppression rule would never be honoured; offer only what works.
    if (features.clientCommands && rule !== SUPPRESSION_RULE_ID) actions.push(suppressLineAction(document, diagnostic, rule, locale));
    if (rulesSeen.has(rule)) continue;
    rulesSeen.add(rule);
    if (features.clientCommands && rule !== SUPPRESSION_RULE_ID) {
      const file = suppressFileAction(document, diagnostic, rule, locale);
      if (file) perRule.push(file);
    }
    if (features.clientCommands) {
      const title = say(TEXT.turnOff, locale, { rule, file: document.configFileName });
      const args: TurnRuleOffArgs = { uri: document.uri, ruleId: rule };
      perRule.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: Command.create(title, TurnRuleOffCommand, args) });
    }
    const title = say(TEXT.docs, locale, { rule });
    perRule.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: Command.create(title, ShowRuleDocumentationCommand, rule) });
  }
  return [...actions, ...perRule];
}

/** Rules whose one finding carries a fix for every file of a package (the finding sits in one of them). */
const PACKAGE_WIDE_RULES = new Set(['log-unstructured']);

/**
 * The fixes of package-wide findings that sit in another file but edit this one where the cursor is: a
 * log-unstructured finding stands at the package's first call, and its conversion is reached from every call.
 * `version` pins this document's edits to the text the findings were computed from.
 */
export function packageWideFixes(
  findings: Iterable<Finding>,
  enginePath: string,
  range: Range,
  uri: string,
  version: number,
  toUri: (path: string) => string,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!PACKAGE_WIDE_RULES.has(finding.ruleId) || finding.path === enginePath) continue;
    finding.fixes.forEach((fix, index) => {
      if (!fix.edits.some((edit) => edit.path === enginePath && touches(edit.range, range))) return;
      const wire = (toDiagnostic(finding, version, toUri).data as { fixes: WireFix[] }).fixes[index];
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, edit: workspaceEdit(wire, uri, version) });
    });
  }
  return actions;
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** `//go-traps:ignore <rule> <reason>` on its own line above the finding, indented like that line. */
function suppressLineAction(document: DocumentView, diagnostic: Diagnostic, ruleId: string, locale: Locale): CodeAction {
  const line = diagnostic.range.start.line;
  const indent = /^[ \t]*/.exec(document.lineText(line))![0];
  const args: SuppressArgs = {
    uri: document.uri,
    version: document.version,
    ruleId,
    scope: 'line',
    position: { line, character: 0 },
    prefix: `${indent}//go-traps:ignore ${ruleId} `,
    suffix: '\n',
  };
  const title = say(TEXT.suppressLine, locale, { rule: ruleId });
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: Command.create(title, SuppressCommand, args) };
}

/**
 * `//go-traps:ignore-file <rule> <reason>` after the package clause, set apart by blank lines (above it, the
 * comment would join the package's doc comment).
 */
function suppressFileAction(document: DocumentView, diagnostic: Diagnostic, ruleId: string, locale: Locale): CodeAction | undefined {
  const packageLine = document.packageLine();
  if (packageLine === undefined) return undefined;
  const args: SuppressArgs = {
    uri: document.uri,
    version: document.version,
    ruleId,
    scope: 'file',
    position: { line: packageLine + 1, character: 0 },
    prefix: `\n//go-traps:ignore-file ${ruleId} `,
    suffix: document.lineText(packageLine + 1).trim() === '' ? '\n' : '\n\n',
  };
  const title = say(TEXT.suppressFile, locale, { rule: ruleId });
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: Command.create(title, SuppressCommand, args) };
}

function workspaceEdit(fix: WireFix, documentUri: string, version: number): WorkspaceEdit {
  return {
    documentChanges: fix.edits.map(({ uri, edits }) => {
      // The version pins edits to the text they were computed for; the client refuses them once it moved on.
      const id: OptionalVersionedTextDocumentIdentifier = { uri, version: uri === documentUri && version >= 0 ? version : null };
      return TextDocumentEdit.create(id, edits);
    }),
  };
}

/**
 * Every safe fix of one file, from its current findings, or undefined when nothing safe applies. As a source
 * action it serves `editor.codeActionsOnSave`; as a quick fix it sits in the light bulb menu (`Ctrl+.`), where
 * it is offered only when it does more than the finding's own fix would.
 */
export function fixAllAction(uri: string, version: number, path: string, findings: readonly Finding[], locale: Locale, kind: string = FIX_ALL_KIND): CodeAction | undefined {
  const plan = planFixes(findings, path);
  const edits = plan.edits.get(path);
  if (!edits || edits.length === 0) return undefined;
  if (kind === CodeActionKind.QuickFix && plan.applied < 2) return undefined;
  const title = kind === CodeActionKind.QuickFix ? say(TEXT.fixAllCount, locale, { count: plan.applied }) : say(TEXT.fixAll, locale);
  return {
    title,
    kind,
    edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, edits.map((e) => TextEdit.replace(e.range, e.newText)))] },
  };
}

/** The line of a Go file's `package` clause (comments and build constraints may come before it). */
export function packageClauseLine(lines: readonly string[]): number | undefined {
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (line.startsWith('/*') && !line.includes('*/')) inBlockComment = true;
    else if (/^package\s+\w+/.test(line)) return i;
  }
  return undefined;
}
