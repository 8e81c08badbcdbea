/**
 * The text a string expression has at compile time: a literal, a concatenation of them, or a constant (local,
 * or declared at the top of this file) bound to one. Rules read URLs and connection strings through it, so
 * `const wzURL = "https://…/windowsZones.xml"` counts as what it says.
 */
import { fieldChildren, findAll, stringValue } from '../go/syntax';
import type { SyntaxNode } from '../go/parser';
import type { Resolver } from '../go/resolver';

export function constantString(types: Resolver, expr: SyntaxNode | null | undefined, depth = 0): string | null {
  if (!expr || depth > 4) return null;
  const literal = stringValue(expr);
  if (literal !== null) return literal;
  switch (expr.type) {
    case 'parenthesized_expression':
      return constantString(types, expr.namedChild(0), depth + 1);
    case 'binary_expression': {
      if (expr.childForFieldName('operator')?.type !== '+') return null;
      const left = constantString(types, expr.childForFieldName('left'), depth + 1);
      const right = left === null ? null : constantString(types, expr.childForFieldName('right'), depth + 1);
      return left !== null && right !== null ? left + right : null;
    }
    case 'identifier': {
      const local = types.localDeclOf(expr);
      if (local) return local.kind === 'const' ? constantString(types, types.boundValue(local), depth + 1) : null;
      return constantString(types, topLevelConstant(expr), depth + 1);
    }
    default:
      return null;
  }
}

/** The value of a package-level constant of this file named like `id`. */
function topLevelConstant(id: SyntaxNode): SyntaxNode | null {
  for (const decl of id.tree.rootNode.namedChildren) {
    if (decl?.type !== 'const_declaration') continue;
    for (const spec of findAll(decl, 'const_spec')) {
      const names = fieldChildren(spec, 'name');
      const index = names.findIndex((n) => n.text === id.text);
      if (index < 0) continue;
      const values = (spec.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      return values.length === names.length ? values[index] : null;
    }
  }
  return null;
}
