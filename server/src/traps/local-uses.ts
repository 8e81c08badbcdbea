/** The uses of a local variable, as the resolver's scopes see them: shadowing and closures included. */
import { ancestor, enclosingTopLevelFunction, findAllWithin } from '../go/syntax';
import type { SyntaxNode } from '../go/parser';
import type { Resolver } from '../go/resolver';
import type { LocalDecl } from '../go/scopes';

/** Every identifier below the local's top-level declaration that refers to it (its declaring name excluded). */
export function usesOf(types: Resolver, local: LocalDecl): SyntaxNode[] {
  const top = enclosingTopLevelFunction(local.node) ?? ancestor(local.node, ['var_declaration', 'const_declaration']);
  if (!top) return [];
  return findAllWithin(top, 'identifier').filter((id) => id.id !== local.node.id && id.text === local.name && types.localDeclOf(id)?.node.id === local.node.id);
}
