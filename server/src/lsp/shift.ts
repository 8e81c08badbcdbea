/**
 * Moves findings computed for an older text through the editor's changes since, so that cross-file findings
 * keep their place while the file is typed in and its facts wait for the next pause.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Finding, Position, Range } from '../engine/types';
import { endOfInsertion } from './documents';

export type RangeChange = { range: Range; text: string };

/** True when the change is a ranged (incremental) one; whole-text replacements cannot be followed. */
export function isRangeChange(change: TextDocumentContentChangeEvent): change is RangeChange {
  return 'range' in change && change.range !== undefined;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Where a position lands after one change; positions inside replaced text collapse to its start. */
export function shiftPosition(position: Position, change: RangeChange): Position {
  const { start, end } = change.range;
  if (before(position, start)) return position;
  if (before(position, end)) return start;
  const inserted = endOfInsertion(start, change.text);
  if (position.line === end.line) return { line: inserted.line, character: inserted.character + position.character - end.character };
  return { line: position.line + inserted.line - end.line, character: position.character };
}

export function shiftRange(range: Range, changes: readonly RangeChange[]): Range {
  let { start, end } = range;
  for (const change of changes) {
    start = shiftPosition(start, change);
    end = shiftPosition(end, change);
  }
  return { start, end };
}

/**
 * A finding of `path` moved through `changes`. Its fixes are dropped: their edits might straddle what was
 * typed, and the next full analysis brings them back.
 */
export function shiftFinding(finding: Finding, path: string, changes: readonly RangeChange[]): Finding {
  return {
    ...finding,
    range: shiftRange(finding.range, changes),
    related: finding.related.map((r) => (r.path === path ? { ...r, range: shiftRange(r.range, changes) } : r)),
    fixes: [],
  };
}
