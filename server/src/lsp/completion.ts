/**
 * Completion of rule ids where a suppression comment names them: `//go-traps:ignore <ids> <reason>`,
 * `//go-traps:ignore-file <ids> <reason>` and golangci-lint's `//nolint:<ids>`. Anywhere else it answers
 * nothing, cheaply, since it is asked on every space typed in a Go file.
 */
import { CompletionItem, CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import type { Locale, Position } from '../engine/types';
import type { Rule } from '../engine/rule';
import { SUPPRESSION_RULE_ID } from '../traps/meta/invalid-suppression';

/** Characters after which the client should ask: the space after the directive, a comma, nolint's colon. */
export const COMPLETION_TRIGGERS = [' ', ',', ':'];

const IGNORE = /\/\/\s*go-traps:ignore(?:-file)?\s+((?:[\w-]+,)*)([\w-]*)$/;
const NOLINT = /\/\/\s*nolint:((?:[\w-]+,)*)([\w-]*)$/;

/** Rule ids to offer at `position` of a line, or undefined when the cursor is not where a rule id goes. */
export function completeRuleIds(lineText: string, position: Position, rules: readonly Rule[], locale: Locale): CompletionItem[] | undefined {
  const before = lineText.slice(0, position.character);
  if (!before.includes('//')) return undefined;
  const ignore = IGNORE.exec(before);
  const nolint = ignore ? null : NOLINT.exec(before);
  const match = ignore ?? nolint;
  if (!match) return undefined;
  const listed = new Set(match[1].split(',').filter(Boolean));
  const partial = match[2];
  const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
  const items: CompletionItem[] = [];
  // The suppression rule's own findings are never silenced: offering its id would only invite a dead comment.
  for (const rule of rules) {
    const id = rule.meta.id;
    if (id === SUPPRESSION_RULE_ID || listed.has(id)) continue;
    const description = locale === 'zh-cn' ? rule.meta.description.zh : rule.meta.description.en;
    items.push({
      label: id,
      kind: CompletionItemKind.EnumMember,
      detail: rule.meta.trap,
      documentation: { kind: MarkupKind.Markdown, value: description },
      textEdit: { range, newText: id },
      filterText: id,
    });
  }
  if (nolint && !listed.has('go-traps')) {
    items.unshift({
      label: 'go-traps',
      kind: CompletionItemKind.Keyword,
      detail: locale === 'zh-cn' ? '所有 go-traps 规则' : 'every go-traps rule',
      textEdit: { range, newText: 'go-traps' },
    });
  }
  return items;
}
