/** Which code uses an import, and the edit that drops one a fix leaves unused (Go refuses to compile those). */
import { findAll } from '../go/syntax';
import type { SyntaxNode } from '../go/parser';
import type { Resolver } from '../go/resolver';
import type { FileEdit } from '../engine/types';

/** The names in the file that refer to the import: `context` in `context.Context` and in `context.Background()`. */
export function importUses(types: Resolver, importPath: string): SyntaxNode[] {
  const file = types.file;
  const name = file.localNameOf(importPath);
  if (!name) return [];
  const inTypes = findAll(file.root, 'package_identifier').filter((id) => id.text === name);
  const inValues = findAll(file.root, 'selector_expression')
    .map((s) => s.childForFieldName('operand'))
    .filter((o): o is SyntaxNode => o?.type === 'identifier' && o.text === name && types.resolve(o)?.kind === 'package');
  return [...inTypes, ...inValues];
}

/**
 * The edit that deletes the import of `importPath`: its line in a block (and a blank line it would leave doubled),
 * or the whole `import "x"` declaration. None when the import is not on a line of its own.
 */
export function deleteImport(types: Resolver, importPath: string): FileEdit[] {
  const file = types.file;
  const spec = file.imports.find((s) => s.path === importPath && s.localName !== '_' && s.localName !== '.');
  if (!spec) return [];
  const target = spec.node.parent?.type === 'import_declaration' ? spec.node.parent : spec.node;
  const row = target.startPosition.row;
  if (target.endPosition.row !== row || file.lineText(row).trim() !== target.text.trim()) return [];
  const blank = (line: number) => line >= 0 && line < file.lineStarts.length && file.lineText(line).trim() === '';
  const closes = (line: number) => file.lineText(line).trim() === ')';
  let start = row;
  let end = row + 1;
  // Alone in its group: take the blank line that separated it, so no two blank lines (or a blank before `)`) remain.
  if (blank(row - 1) && (blank(row + 1) || closes(row + 1))) start = row - 1;
  else if (target.type === 'import_declaration' && blank(row + 1)) end = row + 2;
  return [{ path: file.path, range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } }, newText: '' }];
}
