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
import { ShowRuleDocumentationCommand } from '../protocol';
import { planFixes } from '../engine/fix-all';
import type { Finding, Locale } from '../engine/types';
import { SUPPRESSION_RULE_ID } from '../traps/meta/invalid-suppression';
import { dataOf, WireFix } from './diagnostics';

/** `source.fixAll.goTraps`: every safe fix in the file, usable from `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.goTraps`;

const TEXT = {
  suppress: { en: 'Suppress {rule} on this line (with reason)…', zh: '在此行抑制 {rule}(需写明理由)…' },
  reason: { en: 'TODO: say why this trap is acceptable here', zh: 'TODO: 说明为何此处可以接受这个陷阱' },
  docs: { en: 'Show documentation for {rule}', zh: '查看 {rule} 的文档' },
  fixAll: { en: 'Fix all auto-fixable Go Traps problems', zh: '修复所有可自动修复的 Go Traps 问题' },
};

function say(text: { en: string; zh: string }, locale: Locale, rule = ''): string {
  return (locale === 'zh-cn' ? text.zh : text.en).replace('{rule}', rule);
}

/** True when an action of `kind` is wanted under the client's `only` filter (kinds are dotted hierarchies). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export interface DocumentView {
  uri: string;
  version: number;
  lineText(line: number): string;
}

/** Quick fixes for the go-traps diagnostics in the request: the rule's fixes, suppress, documentation. */
export function quickFixes(document: DocumentView, diagnostics: readonly (Diagnostic | null)[], locale: Locale): CodeAction[] {
  const actions: CodeAction[] = [];
  const docsShown = new Set<string>();
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
    // A suppression of the suppression rule would never be honoured; offer only what works.
    if (data.ruleId !== SUPPRESSION_RULE_ID) actions.push(suppressAction(document, diagnostic, data.ruleId, locale));
    if (!docsShown.has(data.ruleId)) {
      docsShown.add(data.ruleId);
      const title = say(TEXT.docs, locale, data.ruleId);
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: Command.create(title, ShowRuleDocumentationCommand, data.ruleId),
      });
    }
  }
  return actions;
}

/** `//go-traps:ignore <rule> <reason>` on its own line above the finding, indented like that line. */
function suppressAction(document: DocumentView, diagnostic: Diagnostic, ruleId: string, locale: Locale): CodeAction {
  const line = diagnostic.range.start.line;
  const indent = /^[ \t]*/.exec(document.lineText(line))![0];
  const comment = `${indent}//go-traps:ignore ${ruleId} ${say(TEXT.reason, locale)}\n`;
  const edit = TextEdit.insert({ line, character: 0 }, comment);
  return {
    title: say(TEXT.suppress, locale, ruleId),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, [edit])] },
  };
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

/** The fix-all action for one file from its current findings, or undefined when nothing safe applies. */
export function fixAllAction(uri: string, version: number, path: string, findings: readonly Finding[], locale: Locale): CodeAction | undefined {
  const plan = planFixes(findings, path);
  const edits = plan.edits.get(path);
  if (!edits || edits.length === 0) return undefined;
  return {
    title: say(TEXT.fixAll, locale),
    kind: FIX_ALL_KIND,
    edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, edits.map((e) => TextEdit.replace(e.range, e.newText)))] },
  };
}
