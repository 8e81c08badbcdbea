/** Edits that give an http client or request a timeout: keyed literal elements and duration expressions. */
import { goDuration } from '../../engine/config';
import { ensureImport, insertAt } from '../../engine/edits';
import type { FileContext } from '../../engine/rule';
import type { SyntaxNode } from '../../go/parser';
import { rangeOf, SourceFile } from '../../go/source';
import type { FileEdit } from '../../engine/types';
import { timeoutInScope } from './timeout-in-scope';

/** A `key: value` element of a composite literal. */
export interface KeyedElement {
  key: string;
  keyNode: SyntaxNode;
  value: SyntaxNode;
  node: SyntaxNode;
}

/** The keyed elements of a `literal_value` (`{A: 1, B: 2}`), in order; positional elements are skipped. */
export function keyedElements(literalValue: SyntaxNode): KeyedElement[] {
  const out: KeyedElement[] = [];
  for (const child of literalValue.namedChildren) {
    if (child?.type !== 'keyed_element') continue;
    const keyNode = child.childForFieldName('key');
    const value = child.childForFieldName('value');
    if (!keyNode || !value) continue;
    out.push({ key: keyNode.text, keyNode, value: value.namedChild(0) ?? value, node: child });
  }
  return out;
}

/** True when a literal has elements but none of them is keyed (`T{a, b}`), so a key cannot be added. */
export function isPositionalLiteral(literalValue: SyntaxNode): boolean {
  const elements = literalValue.namedChildren.filter((c) => c && c.type !== 'comment');
  return elements.length > 0 && elements.every((c) => c?.type !== 'keyed_element');
}

/**
 * The edits that add `key: value` as the last element of a keyed composite literal, written the way gofmt
 * would: inline for a one-line literal, on its own line otherwise, with the values of the run of one-line
 * elements it joins re-aligned (gofmt aligns the values of consecutive one-line `key: value` lines).
 */
export function addKeyedElement(file: SourceFile, literalValue: SyntaxNode, key: string, value: string): FileEdit[] {
  const open = literalValue.child(0)!;
  const close = literalValue.child(literalValue.childCount - 1)!;
  const elements = literalValue.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (elements.length === 0) {
    if (open.startPosition.row === close.startPosition.row) return [insertAt(file, rangeOf(open).end, `${key}: ${value}`)];
    const indent = file.indentOf(close.startPosition.row) + '\t';
    return [insertAt(file, rangeOf(open).end, `\n${indent}${key}: ${value},`)];
  }
  const last = elements[elements.length - 1];
  if (open.startPosition.row === close.startPosition.row) {
    return [insertAt(file, rangeOf(last).end, `, ${key}: ${value}`)];
  }
  // Multi-line literals end every element with a comma; the new line goes after the last one's line.
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  if (!comma) return [];
  const run = alignedRun(elements);
  const width = Math.max(key.length + 1, ...run.map((e) => e.childForFieldName('key')!.text.length + 1));
  const edits: FileEdit[] = [];
  for (const element of run) {
    const colon = element.children.find((c) => c?.type === ':');
    const valueNode = element.childForFieldName('value');
    if (!colon || !valueNode) return [];
    const wanted = ' '.repeat(width - element.childForFieldName('key')!.text.length);
    const current = file.lineText(colon.endPosition.row).slice(colon.endPosition.column, valueNode.startPosition.column);
    if (current !== wanted) edits.push({ path: file.path, range: { start: rangeOf(colon).end, end: rangeOf(valueNode).start }, newText: wanted });
  }
  const row = comma.endPosition.row;
  const indent = file.indentOf(last.startPosition.row);
  const keyText = `${key}:${' '.repeat(run.length > 0 ? width - key.length : 1)}`;
  edits.push(insertAt(file, { line: row, character: file.lineText(row).length }, `\n${indent}${keyText}${value},`));
  return edits;
}

/**
 * The one-line keyed elements that end a multi-line literal, each alone on its line and on consecutive lines:
 * the block gofmt aligns together with a line appended after them. A comment line or a multi-line element
 * ends the block.
 */
function alignedRun(elements: SyntaxNode[]): SyntaxNode[] {
  const run: SyntaxNode[] = [];
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    const row = element.startPosition.row;
    if (element.type !== 'keyed_element' || element.endPosition.row !== row) break;
    if (run.length > 0 && run[0].startPosition.row !== row + 1) break;
    const sharesLine = (i > 0 && elements[i - 1].endPosition.row === row) || (i + 1 < elements.length && elements[i + 1].startPosition.row === row);
    if (sharesLine) break;
    run.unshift(element);
  }
  return run;
}

/** The Go expression for a configured duration and the edits that import `time` for it, or null when `time` is taken. */
export function durationExpression(file: SourceFile, duration: string): { text: string; edits: FileEdit[] } | null {
  const local = file.localNameOf('time');
  if (local) return { text: goDuration(duration, local), edits: [] };
  if (file.importPathOf('time')) return null;
  return { text: goDuration(duration, 'time'), edits: ensureImport(file, 'time') };
}

/**
 * The timeout a fix at `node` writes: one the code already has in scope (a duration parameter, a config field),
 * else the configured `timeouts.http`; null when `time` is imported under a name the file cannot use.
 */
export function remoteTimeout(context: FileContext, node: SyntaxNode): { text: string; edits: FileEdit[]; inScope: boolean } | null {
  const inScope = timeoutInScope(context.types, node);
  if (inScope) return { text: inScope, edits: [], inScope: true };
  // The same for every fix of the file; working out the import edit walks the file's top level.
  const key = context.settings.timeouts.http;
  let cached = defaultDurations.get(context.file);
  if (cached?.key !== key) defaultDurations.set(context.file, (cached = { key, value: durationExpression(context.file, key) }));
  return cached.value && { ...cached.value, inScope: false };
}

const defaultDurations = new WeakMap<SourceFile, { key: string; value: { text: string; edits: FileEdit[] } | null }>();
