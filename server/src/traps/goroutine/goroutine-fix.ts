/** Text builders for the goroutine rules' fixes: make an endless loop watch `ctx.Done()`. */
import { insertAt, replaceNode } from '../../engine/edits';
import { EndlessKind, startsLine } from './goroutine-ast';
import { hasNamedResults, resultTypes, zeroValue } from '../../go/zero-values';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';
import type { FileEdit, Position } from '../../engine/types';

/** The `return` a function can write when its context ends: zero values, and `ctx.Err()` for an error result. */
export function returnOnDone(fn: SyntaxNode, contextExpression: string): string {
  const types = resultTypes(fn);
  if (types.length === 0 || hasNamedResults(fn)) return 'return';
  return `return ${types.map((t) => (t === 'error' ? `${contextExpression}.Err()` : zeroValue(t))).join(', ')}`;
}

/**
 * Edits that make `loop` stop when `contextExpression` is done, or null when the loop's layout is unusual
 * enough that a textual rewrite could go wrong. Three shapes:
 * a ticker range becomes a `for { select }` with the tick as one case; a body that is a single `select` gets
 * a Done case; any other body starts with a non-blocking check.
 */
export function watchDoneEdits(file: SourceFile, loop: SyntaxNode, kind: EndlessKind, contextExpression: string, returning: string): FileEdit[] | null {
  const body = loop.childForFieldName('body');
  if (!body || !startsLine(file, loop)) return null;
  const indent = file.indentOf(loop.startPosition.row);
  const done = `case <-${contextExpression}.Done():`;
  if (kind === 'ticker') return tickerRewrite(file, loop, body, indent, done, returning);

  const statements = body.namedChildren.find((n) => n?.type === 'statement_list')?.namedChildren ?? [];
  const only = statements.length === 1 ? statements[0] : null;
  if (only?.type === 'select_statement' && startsLine(file, only)) {
    const open = only.children.find((c) => c?.type === '{');
    if (!open || !endsLine(file, open)) return null;
    const selectIndent = file.indentOf(only.startPosition.row);
    const text = `\n${selectIndent}${done}\n${selectIndent}\t${returning}`;
    return [insertAt(file, lineEnd(file, open), text)];
  }

  const check = ['select {', done, `\t${returning}`, 'default:', '}'].map((l) => `${indent}\t${l}`);
  const open = body.child(0)!;
  if (body.startPosition.row === body.endPosition.row) {
    if (statements.length > 0) return null;
    return [replaceNode(file, body, `{\n${check.join('\n')}\n${indent}}`)];
  }
  if (!endsLine(file, open)) return null;
  return [insertAt(file, lineEnd(file, open), '\n' + check.join('\n'))];
}

function tickerRewrite(file: SourceFile, loop: SyntaxNode, body: SyntaxNode, indent: string, done: string, returning: string): FileEdit[] | null {
  const clause = loop.namedChildren.find((n) => n?.type === 'range_clause');
  const right = clause?.childForFieldName('right');
  const open = body.child(0);
  const close = body.child(body.childCount - 1);
  if (!clause || !right || !open || !close || !endsLine(file, open) || !startsLine(file, close)) return null;
  // `case <-time.Tick(d):` would build a new ticker on every turn; only a channel held in a variable moves into a case.
  if (right.type !== 'selector_expression' && right.type !== 'identifier') return null;
  // Re-indenting would change a multi-line raw string and could misalign a block comment.
  const multiline = body.descendantsOfType(['raw_string_literal', 'comment']).some((n) => n && n.startPosition.row !== n.endPosition.row);
  if (multiline) return null;
  const left = clause.childForFieldName('left');
  const operator = clause.children.find((c) => c?.type === ':=' || c?.type === '=')?.type;
  const receive = left && left.text !== '_' && operator ? `${left.text} ${operator} <-${right.text}` : `<-${right.text}`;
  const inner: string[] = [];
  for (let row = open.endPosition.row + 1; row < close.startPosition.row; row++) {
    const line = file.lineText(row);
    inner.push(line.trim() ? `\t${line}` : '');
  }
  const comment = trailing(file, open);
  const lines = [
    comment ? `for { ${comment}` : 'for {',
    `${indent}\tselect {`,
    `${indent}\t${done}`,
    `${indent}\t\t${returning}`,
    `${indent}\tcase ${receive}:`,
    ...inner,
    `${indent}\t}`,
    `${indent}}`,
  ];
  return [replaceNode(file, loop, lines.join('\n'))];
}

/** True when only whitespace or a line comment follows `node` on its last line. */
function endsLine(file: SourceFile, node: SyntaxNode): boolean {
  const rest = trailing(file, node);
  return rest === '' || rest.startsWith('//');
}

function trailing(file: SourceFile, node: SyntaxNode): string {
  return file.lineText(node.endPosition.row).slice(node.endPosition.column).trim();
}

/** Where new lines go after `node`: the end of its line, so a trailing comment stays where it was. */
function lineEnd(file: SourceFile, node: SyntaxNode): Position {
  return { line: node.endPosition.row, character: file.lineText(node.endPosition.row).length };
}
