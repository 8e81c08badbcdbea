/** Import edits for logging fixes: dropping the standard `log` import once nothing uses it, adding new ones. */
import { editsOverlap, ensureImport, replaceNode } from '../../engine/edits';
import { walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { ImportSpec, SourceFile } from '../../go/source';
import type { FileEdit } from '../../engine/types';
import type { ImportNeed } from './logging-convert';

/** How many places in the file use the package imported as `name` (`name.X` selectors and `name.T` types). */
export function packageReferences(file: SourceFile, name: string): number {
  let count = 0;
  walk(file.root, (node) => {
    if (node.type === 'selector_expression' && node.childForFieldName('operand')?.text === name) count++;
    else if (node.type === 'qualified_type' && node.childForFieldName('package')?.text === name) count++;
    return true;
  });
  return count;
}

/** True when the node is alone on its lines (indentation before, at most a comment after). */
export function ownsItsLines(file: SourceFile, node: SyntaxNode): boolean {
  const before = file.lineText(node.startPosition.row).slice(0, node.startPosition.column);
  const after = file.lineText(node.endPosition.row).slice(node.endPosition.column).trim();
  return before.trim() === '' && (after === '' || after.startsWith('//'));
}

/**
 * Edits that add `needed` imports and, when `drop` is given, remove that import. A lone `import "log"` is
 * rewritten in place to the first needed import, which keeps the edits from touching each other.
 */
export function importEdits(file: SourceFile, needed: readonly ImportNeed[], drop: ImportSpec | null): FileEdit[] | null {
  const byPath = new Map<string, ImportNeed>();
  for (const need of needed) if (!byPath.has(need.path)) byPath.set(need.path, need);
  const missing = [...byPath.values()].filter((n) => !file.imports.some((s) => s.path === n.path && s.localName !== '_')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const edits: FileEdit[] = [];
  const parent = drop?.node.parent;
  if (drop && parent && ownsItsLines(file, parent.type === 'import_declaration' ? parent : drop.node)) {
    if (parent.type === 'import_declaration') {
      const first = missing.shift();
      if (first) edits.push(replaceNode(file, drop.node, specText(first)));
      else edits.push(deleteLines(file, parent.startPosition.row, parent.endPosition.row));
    } else {
      const fitting = missing.find((need) => fitsInPlace(file, drop.node, need.path));
      if (fitting) {
        missing.splice(missing.indexOf(fitting), 1);
        edits.push(replaceNode(file, drop.node, specText(fitting)));
      } else edits.push(deleteSpecLine(file, drop.node));
    }
  }
  const deletion = edits.find((e) => e.newText === '' && e.range.end.line > e.range.start.line);
  for (const need of missing) {
    for (const edit of ensureNamedImport(file, need)) {
      if (!deletion || !editsOverlap([edit], [deletion])) edits.push(edit);
      else {
        // An import appended after the spec being deleted goes after the spec before it instead.
        const moved = appendAfterPrevious(file, edit, deletion);
        if (!moved) return null;
        edits.push(moved);
      }
    }
  }
  return edits;
}

/** `edit`, an insertion that starts a new line after a spec, moved to the end of the last spec line above `deletion`. */
function appendAfterPrevious(file: SourceFile, edit: FileEdit, deletion: FileEdit): FileEdit | null {
  if (!edit.newText.startsWith('\n')) return null;
  for (let line = deletion.range.start.line - 1; line >= 0; line--) {
    const text = file.lineText(line);
    if (text.trim() === '') continue;
    if (!/^\s*(\w+\s+)?"[^"]*"\s*(\/\/.*)?$/.test(text)) return null;
    return { ...edit, range: { start: { line, character: text.length }, end: { line, character: text.length } } };
  }
  return null;
}

/** `"path"` or `name "path"`, as an import spec is written. */
function specText(need: ImportNeed): string {
  return need.name ? `${need.name} ${JSON.stringify(need.path)}` : JSON.stringify(need.path);
}

/** ensureImport, with the package's name written before its path when it is imported under another name. */
function ensureNamedImport(file: SourceFile, need: ImportNeed): FileEdit[] {
  const quoted = JSON.stringify(need.path);
  return ensureImport(file, need.path).map((edit) => (need.name ? { ...edit, newText: edit.newText.replace(quoted, specText(need)) } : edit));
}

function deleteLines(file: SourceFile, first: number, last: number): FileEdit {
  return { path: file.path, range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
}

/** Deletes a spec's line in an import block, and a blank line that would otherwise be left dangling. */
function deleteSpecLine(file: SourceFile, spec: SyntaxNode): FileEdit {
  const row = spec.startPosition.row;
  const blank = (line: number) => file.lineText(line).trim() === '';
  const opens = (line: number) => /\($/.test(file.lineText(line).trim());
  const closes = (line: number) => file.lineText(line).trim() === ')';
  if (blank(row + 1) && (opens(row - 1) || blank(row - 1))) return deleteLines(file, row, row + 1);
  if (blank(row - 1) && closes(row + 1)) return deleteLines(file, row - 1, row);
  return deleteLines(file, row, row);
}

/**
 * True when `path` can take the place of `spec` in its group and keep the group sorted, so the fix rewrites
 * one line instead of deleting one and inserting another next to it.
 */
function fitsInPlace(file: SourceFile, spec: SyntaxNode, path: string): boolean {
  const isStd = (p: string) => !p.split('/')[0].includes('.');
  const pathOf = (s: SyntaxNode) => s.childForFieldName('path')?.text.slice(1, -1) ?? '';
  if (isStd(path) !== isStd(pathOf(spec))) return false;
  const siblings = (spec.parent?.namedChildren ?? []).filter((n): n is SyntaxNode => n?.type === 'import_spec');
  if (siblings.length === 1) return !file.imports.some((s) => s.path === path);
  const index = siblings.findIndex((s) => s.id === spec.id);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const sameGroup = (a: SyntaxNode, b: SyntaxNode) => b.startPosition.row - a.endPosition.row === 1;
  if (previous && sameGroup(previous, spec) && pathOf(previous) >= path) return false;
  if (next && sameGroup(spec, next) && pathOf(next) <= path) return false;
  return !file.imports.some((s) => s.path === path);
}
