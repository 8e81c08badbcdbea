/**
 * The local declarations of one top-level declaration (a function, a method, or a package-level var whose value
 * holds closures), read in one search of the tree and answered by position: which declaration does this use of
 * a name refer to. Linear in the declaration's size, however many questions are asked.
 */
import { fieldChildren } from './syntax';
import { searchingFor } from './node-search';
import { findAllWithin } from './syntax';
import type { SyntaxNode, Tree } from './parser';

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
const DECLARING = new Set(DECLARING_TYPES);
const SEARCHED_TYPES = [...new Set([...DECLARING_TYPES, ...SCOPES])];
/** Searched on their own account, so that blocks and ifs do not join every tree's shared search. */
const SCOPES_ASKER = {};

/** A declaring node's nearest searched ancestor, innermost scope and innermost function (within the top declaration). */
interface Nesting {
  parent: SyntaxNode | null;
  scope: SyntaxNode | null;
  fn: SyntaxNode | null;
}

/** How many declarations of each tree had their scopes read so far. */
const scopesRead = new WeakMap<Tree, number>();
/** Declarations read with a walk of their own before one walk of the whole tree serves the rest. */
const OWN_WALKS = 8;

/**
 * The declaring and scope nodes of one top-level declaration, in document order. A keystroke in a big file
 * resolves names in a few of its functions: walking just those is far cheaper than the whole tree. Top-level
 * declarations do not overlap, so the own walks cost at most one whole walk before the whole tree's answer takes over.
 */
function scopeNodes(top: SyntaxNode): SyntaxNode[] {
  const read = scopesRead.get(top.tree) ?? 0;
  scopesRead.set(top.tree, read + 1);
  if (read < OWN_WALKS && top.parent !== null) return top.descendantsOfType(SEARCHED_TYPES).filter((node): node is SyntaxNode => node !== null);
  return searchingFor(SCOPES_ASKER, () => findAllWithin(top, SEARCHED_TYPES));
}

export class LocalScopes {
  private readonly byName = new Map<string, LocalDecl[]>();

  constructor(top: SyntaxNode) {
    // Declarations and scopes come from one search, nested by position: asking tree-sitter for a node's parent
    // walks down from the root past every sibling, which made long functions quadratic.
    const nodes = scopeNodes(top);
    const stack: { node: SyntaxNode; end: number; scope: SyntaxNode | null; fn: SyntaxNode | null }[] = [];
    for (const node of nodes) {
      const start = node.startIndex;
      while (stack.length > 0 && stack[stack.length - 1].end <= start) stack.pop();
      const parent = stack.length > 0 ? stack[stack.length - 1] : null;
      const context: Nesting = {
        parent: parent?.node ?? null,
        scope: parent ? (SCOPES.has(parent.node.type) ? parent.node : parent.scope) : null,
        fn: parent ? (FUNCTION_LIKE.has(parent.node.type) ? parent.node : parent.fn) : null,
      };
      if (DECLARING.has(node.type)) this.read(node, top, context);
      const end = node.endIndex;
      if (end > start) stack.push({ node, end, scope: context.scope, fn: context.fn });
    }
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

  private read(holder: SyntaxNode, top: SyntaxNode, nesting: Nesting): void {
    switch (holder.type) {
      case 'parameter_declaration':
      case 'variadic_parameter_declaration': {
        // Parameters of a function type (`func(x int)` as a type) or an interface method declare nothing.
        const fn = nesting.parent;
        if (!fn || !FUNCTION_LIKE.has(fn.type)) return;
        this.add(fieldChildren(holder, 'name'), holder, 'param', fn.startIndex, fn.endIndex);
        return;
      }
      case 'short_var_declaration':
        return this.addScoped(holder.childForFieldName('left')?.namedChildren ?? [], holder, 'short', top, nesting);
      case 'var_spec':
      case 'const_spec':
        // Package-level specs are the package's, not locals.
        if (!nesting.fn) return;
        return this.addScoped(fieldChildren(holder, 'name'), holder, holder.type === 'var_spec' ? 'var' : 'const', top, nesting);
      case 'range_clause': {
        if (!holder.children.some((c) => c?.type === ':=')) return;
        const loop = nesting.parent;
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
        const clause = nesting.scope;
        if (!clause) return;
        this.add(holder.childForFieldName('left')?.namedChildren ?? [], holder, 'receive', holder.endIndex, clause.endIndex);
        return;
      }
    }
  }

  private addScoped(names: readonly (SyntaxNode | null)[], holder: SyntaxNode, kind: LocalKind, top: SyntaxNode, nesting: Nesting): void {
    const end = nesting.scope ? nesting.scope.endIndex : top.endIndex;
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
