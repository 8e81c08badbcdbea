/**
 * Suppression comments: `//go-traps:ignore <rule-id> <reason>` (same line or the line above),
 * `//go-traps:ignore-file <rule-id>`, and golangci-lint's `//nolint:go-traps` / `//nolint:<rule-id>`.
 */
import type { SourceFile } from '../go/source';
import type { Finding, Range } from './types';

export const ALL_RULES = '*';

export interface Directive {
  kind: 'ignore' | 'ignore-file' | 'nolint';
  /** Rule ids named; `*` for `//nolint:go-traps` or a bare `//nolint`. */
  rules: string[];
  reason: string;
  /** The line whose findings it silences (-1 for a whole file). */
  targetLine: number;
  range: Range;
}

const DIRECTIVE = /\/\/\s*(go-traps:ignore-file|go-traps:ignore|nolint)\b(:[\w\-,]+)?([^\n]*)/g;

/** Reads every suppression comment of a file, skipping look-alikes inside string literals. */
export function readDirectives(file: SourceFile): Directive[] {
  const directives: Directive[] = [];
  if (!file.text.includes('go-traps') && !file.text.includes('nolint')) return directives;
  for (const match of file.text.matchAll(DIRECTIVE)) {
    const offset = match.index!;
    const node = file.root.descendantForIndex(offset, offset + 2);
    if (node?.type !== 'comment') continue;
    const start = file.positionAt(offset);
    const end = file.positionAt(offset + match[0].length);
    const range = { start, end };
    const ownLine = file.lineText(start.line).slice(0, start.character).trim() === '';
    const targetLine = ownLine ? start.line + 1 : start.line;
    const rest = match[3].trim();
    if (match[1] === 'nolint') {
      const names = (match[2] ?? '').slice(1).split(',').filter(Boolean);
      if (names.length === 0) directives.push({ kind: 'nolint', rules: [ALL_RULES], reason: rest, targetLine, range });
      else if (names.includes('go-traps')) directives.push({ kind: 'nolint', rules: [ALL_RULES], reason: rest, targetLine, range });
      else directives.push({ kind: 'nolint', rules: names, reason: rest, targetLine, range });
      continue;
    }
    // `go-traps:ignore rule-a,rule-b the reason` — a colon form is not ours, it is a different comment.
    if (match[2]) continue;
    const [ruleList = '', ...reasonWords] = rest.split(/\s+/);
    const rules = ruleList.split(',').filter(Boolean);
    const kind = match[1] === 'go-traps:ignore-file' ? 'ignore-file' : 'ignore';
    directives.push({ kind, rules, reason: reasonWords.join(' '), targetLine: kind === 'ignore-file' ? -1 : targetLine, range });
  }
  return directives;
}

/**
 * Words that stand where a reason should be: what an editor or a hurried person leaves behind (`TODO`,
 * `FIXME: say why`, `<reason>`, `...`). They say nothing the next engineer can judge.
 */
const PLACEHOLDER = /^(?:(?:todo|fixme|tbd|xxx)\b.*|<[^>]*>|\[[^\]]*\]|reason|why|n\/?a|none|-+|\.+|…|[?!.,;:*#_-]+)$/i;

/** True when a suppression's reason is missing or only a placeholder. */
export function isPlaceholderReason(reason: string): boolean {
  const text = reason.trim();
  return text === '' || PLACEHOLDER.test(text);
}

/**
 * A line suppression must say why; one without a real reason silences nothing (invalid-suppression reports
 * it). A file suppression may go without a reason, but not with a placeholder for one.
 */
export function directiveHasReason(directive: Directive): boolean {
  if (directive.kind === 'nolint') return true;
  if (directive.kind === 'ignore-file' && directive.reason.trim() === '') return true;
  return !isPlaceholderReason(directive.reason);
}

/** Whether a directive silences a finding of `ruleId` starting at `line`. */
export function directiveCovers(directive: Directive, ruleId: string, line: number): boolean {
  if (!directiveHasReason(directive)) return false;
  const named = directive.rules.includes(ruleId) || directive.rules.includes(ALL_RULES);
  if (!named) return false;
  return directive.targetLine === -1 || directive.targetLine === line;
}

/**
 * Drops the findings that a directive covers, and says which directives were used. Findings of the
 * suppression rule itself are never silenced, so a bad directive cannot hide its own report.
 */
export function applyDirectives(findings: Finding[], directives: Directive[], selfRuleId: string): { kept: Finding[]; used: Set<Directive> } {
  const used = new Set<Directive>();
  const kept = findings.filter((finding) => {
    if (finding.ruleId === selfRuleId) return true;
    const covering = directives.filter((d) => directiveCovers(d, finding.ruleId, finding.range.start.line));
    for (const directive of covering) used.add(directive);
    return covering.length === 0;
  });
  return { kept, used };
}
