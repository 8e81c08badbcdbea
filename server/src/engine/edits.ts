/** Building and applying text edits; the fix helpers every rule shares. */
import type { SyntaxNode } from '../go/parser';
import { computeLineStarts, rangeOf, SourceFile } from '../go/source';
import type { FileEdit, Position, TextEdit } from './types';

export function replaceNode(file: SourceFile, node: SyntaxNode, newText: string): FileEdit {
  return { path: file.path, range: rangeOf(node), newText };
}

export function insertAt(file: SourceFile, position: Position, newText: string): FileEdit {
  return { path: file.path, range: { start: position, end: position }, newText };
}

/**
 * Inserts whole lines before the line of `statement`, indented like it. `lines` are given without
 * indentation; an empty string stays an empty line.
 */
export function insertLinesBefore(file: SourceFile, statement: SyntaxNode, lines: string[]): FileEdit {
  const line = statement.startPosition.row;
  const indent = file.indentOf(line);
  const text = lines.map((l) => (l ? indent + l : '') + '\n').join('');
  return insertAt(file, { line, character: 0 }, text);
}

/**
 * Inserts whole lines after the last line of `statement` (after any trailing comment on it), indented like
 * its first line.
 */
export function insertLinesAfter(file: SourceFile, statement: SyntaxNode, lines: string[]): FileEdit {
  const indent = file.indentOf(statement.startPosition.row);
  const endLine = statement.endPosition.row;
  const text = lines.map((l) => '\n' + (l ? indent + l : '')).join('');
  return insertAt(file, { line: endLine, character: file.lineText(endLine).length }, text);
}

/**
 * The edit that makes the file import `importPath`, or none when it already does. Keeps the import block
 * sorted within its first group, as gofmt expects.
 */
/**
 * The file's import declarations, read once per file: they come first, so the walk stops at the first other
 * declaration instead of handing every top-level node across from WASM (thousands in a big file, and a fix
 * per function asks again).
 */
function importDeclarations(file: SourceFile): SyntaxNode[] {
  let decls = importDeclarationCache.get(file);
  if (decls) return decls;
  decls = [];
  for (let node = file.root.firstNamedChild; node; node = node.nextNamedSibling) {
    if (node.type === 'import_declaration') decls.push(node);
    else if (node.type !== 'package_clause' && node.type !== 'comment') break;
  }
  importDeclarationCache.set(file, decls);
  return decls;
}

const importDeclarationCache = new WeakMap<SourceFile, SyntaxNode[]>();

export function ensureImport(file: SourceFile, importPath: string): FileEdit[] {
  if (file.imports.some((s) => s.path === importPath && s.localName !== '_')) return [];
  const quoted = JSON.stringify(importPath);
  const decls = importDeclarations(file);
  const block = decls.find((d) => d.namedChildren.some((c) => c?.type === 'import_spec_list'));
  if (block) {
    const specs = block.descendantsOfType('import_spec').filter((s): s is SyntaxNode => !!s);
    const groups: SyntaxNode[][] = [];
    for (const spec of specs) {
      const group = groups[groups.length - 1];
      const previous = group?.[group.length - 1];
      if (previous && spec.startPosition.row <= previous.endPosition.row + 1) group.push(spec);
      else groups.push([spec]);
    }
    const pathOf = (s: SyntaxNode) => s.childForFieldName('path')!.text.slice(1, -1);
    const isStd = (p: string) => !p.split('/')[0].includes('.');
    const target = groups.find((g) => isStd(pathOf(g[0])) === isStd(importPath));
    if (target) {
      const indent = file.indentOf(target[0].startPosition.row);
      const before = target.find((s) => pathOf(s) > importPath);
      const row = before ? before.startPosition.row : target[target.length - 1].endPosition.row + 1;
      return [insertAt(file, { line: row, character: 0 }, `${indent}${quoted}\n`)];
    }
    const open = block.descendantsOfType('import_spec_list')[0]!;
    if (specs.length === 0 || isStd(importPath)) {
      // A new first group right after `(`; the newline it ends with keeps it apart from any group below.
      return [insertAt(file, { line: open.startPosition.row, character: open.startPosition.column + 1 }, `\n\t${quoted}\n`)];
    }
    const last = specs[specs.length - 1];
    return [insertAt(file, { line: last.endPosition.row, character: last.endPosition.column }, `\n\n\t${quoted}`)];
  }
  if (decls.length > 0) {
    const last = decls[decls.length - 1];
    return [insertAt(file, { line: last.endPosition.row, character: last.endPosition.column }, `\nimport ${quoted}`)];
  }
  let pkg: SyntaxNode | null = file.root.firstNamedChild;
  while (pkg && pkg.type !== 'package_clause') pkg = pkg.nextNamedSibling;
  if (!pkg) return [];
  return [insertAt(file, { line: pkg.endPosition.row, character: pkg.endPosition.column }, `\n\nimport ${quoted}`)];
}

/**
 * Applies edits to a text. Edits must not overlap; ones at the same position keep their given order.
 * Throws on overlap so that a broken fix is never written silently.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = computeLineStarts(text);
  const offset = (p: Position) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const ordered = edits
    .map((edit, index) => ({ start: offset(edit.range.start), end: offset(edit.range.end), text: edit.newText, index }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** True when two edit lists touch overlapping text, so both cannot be applied in one pass. */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  const same = (x: Position, y: Position) => x.line === y.line && x.character === y.character;
  for (const x of a) {
    for (const y of b) {
      const xEmpty = same(x.range.start, x.range.end);
      const yEmpty = same(y.range.start, y.range.end);
      // Two insertions at one point would interleave unpredictably; treat as a conflict.
      if (xEmpty && yEmpty && same(x.range.start, y.range.start)) return true;
      if (before(x.range.start, y.range.end) && before(y.range.start, x.range.end)) return true;
    }
  }
  return false;
}
