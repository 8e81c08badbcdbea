/**
 * The local declarations of one top-level declaration (a function, a method, or a package-level var whose value
 * holds closures), read in one search of the tree and answered by position: which declaration does this use of
 * a name refer to. Linear in the declaration's size, however many questions are asked.
 */
import { fieldChildren } from './syntax';
import { findAllWithin } from './syntax';
import type { SyntaxNode } from './parser';

export type LocalKind = 'param' | 'short' | 'var' | 'const' | 'range' | 'typeswitch' | 'receive';

export interface LocalDecl {
  name: string;
  /** The declaring identifier. */
  node: SyntaxNode;
  /** The statement or clause that declares it. */
  holder: SyntaxNode;
  kind: LocalKind;
  /** Position among the names its holder declares (`a, b := ...`: b is 1). */
  index: number;
  /** The name is visible from this offset (after its declaration ends) ... */
  scopeStart: number;
  /** ... to this one. */
  scopeEnd: number;
}

const FUNCTION_LIKE = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const SCOPES = new Set([
  'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'expression_case',
  'type_case', 'default_case', 'communication_case', 'select_statement', 'func_literal', 'function_declaration', 'method_declaration',
]);
const DECLARING_TYPES = [
  'parameter_declaration', 'variadic_parameter_declaration', 'short_var_declaration', 'var_spec', 'const_spec',
  'range_clause', 'type_switch_statement', 'receive_statement',
];

export class LocalScopes {
  private readonly byName = new Map<string, LocalDecl[]>();

  constructor(top: SyntaxNode) {
    for (const holder of findAllWithin(top, DECLARING_TYPES)) this.read(holder, top);
  }

  /** The declaration a use of a name refers to, or null when no local declaration is visible there. */
  lookup(use: SyntaxNode): LocalDecl | null {
    const candidates = this.byName.get(use.text);
    if (!candidates) return null;
    const at = use.startIndex;
    let best: LocalDecl | null = null;
    for (const decl of candidates) {
      // A declaring name stands for what it declares.
      if (decl.node.id === use.id) return decl;
      if (decl.scopeStart > at || at >= decl.scopeEnd) continue;
      if (!best || decl.scopeStart >= best.scopeStart) best = decl;
    }
    return best;
  }

  /** Every declaration of a name, in source order. */
  declarationsOf(name: string): readonly LocalDecl[] {
    return this.byName.get(name) ?? [];
  }

  private read(holder: SyntaxNode, top: SyntaxNode): void {
    switch (holder.type) {
      case 'parameter_declaration':
      case 'variadic_parameter_declaration': {
        // Parameters of a function type (`func(x int)` as a type) or an interface method declare nothing.
        const fn = holder.parent?.parent;
        if (!fn || !FUNCTION_LIKE.has(fn.type)) return;
        this.add(fieldChildren(holder, 'name'), holder, 'param', fn.startIndex, fn.endIndex);
        return;
      }
      case 'short_var_declaration':
        return this.addScoped(holder.childForFieldName('left')?.namedChildren ?? [], holder, 'short', top);
      case 'var_spec':
      case 'const_spec':
        // Package-level specs are the package's, not locals.
        if (!this.insideFunction(holder, top)) return;
        return this.addScoped(fieldChildren(holder, 'name'), holder, holder.type === 'var_spec' ? 'var' : 'const', top);
      case 'range_clause': {
        if (!holder.children.some((c) => c?.type === ':=')) return;
        const loop = holder.parent;
        if (!loop) return;
        this.add(holder.childForFieldName('left')?.namedChildren ?? [], holder, 'range', holder.endIndex, loop.endIndex);
        return;
      }
      case 'type_switch_statement': {
        const alias = holder.childForFieldName('alias');
        const value = holder.childForFieldName('value');
        if (!alias) return;
        this.add(alias.namedChildren, holder, 'typeswitch', (value ?? alias).endIndex, holder.endIndex);
        return;
      }
      case 'receive_statement': {
        if (!holder.children.some((c) => c?.type === ':=')) return;
        const clause = holder.parent;
        if (!clause) return;
        this.add(holder.childForFieldName('left')?.namedChildren ?? [], holder, 'receive', holder.endIndex, clause.endIndex);
        return;
      }
    }
  }

  private insideFunction(node: SyntaxNode, top: SyntaxNode): boolean {
    for (let current = node.parent; current && current.id !== top.parent?.id; current = current.parent) {
      if (FUNCTION_LIKE.has(current.type)) return true;
    }
    return false;
  }

  private addScoped(names: readonly (SyntaxNode | null)[], holder: SyntaxNode, kind: LocalKind, top: SyntaxNode): void {
    let scope: SyntaxNode | null = holder.parent;
    while (scope && !SCOPES.has(scope.type) && scope.id !== top.id) scope = scope.parent;
    const end = scope ? scope.endIndex : top.endIndex;
    this.add(names, holder, kind, holder.endIndex, end);
  }

  private add(names: readonly (SyntaxNode | null)[], holder: SyntaxNode, kind: LocalKind, start: number, end: number): void {
    names.forEach((node, index) => {
      if (!node || node.type !== 'identifier' || node.text === '_') return;
      const decl: LocalDecl = { name: node.text, node, holder, kind, index, scopeStart: start, scopeEnd: end };
      const list = this.byName.get(decl.name);
      if (list) list.push(decl);
      else this.byName.set(decl.name, [decl]);
    });
  }
}
