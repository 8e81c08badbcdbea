/** Where a function's context comes from, and whether code at a point deliberately runs outside of it. */
import { contextInScope, ContextSource, enclosingFunction, parametersOf } from './go-ast';
import type { SyntaxNode } from './parser';
import type { SourceFile } from './source';

/** A context in scope at a node, with the function whose parameter provides it. */
export interface ScopedContext extends ContextSource {
  /** The function or closure declaring the parameter the context comes from. */
  owner: SyntaxNode;
}

/** `contextInScope`, plus the function that owns the parameter (closures capture their parents' parameters). */
export function scopedContext(file: SourceFile, node: SyntaxNode): ScopedContext | null {
  const source = contextInScope(file, node);
  if (!source) return null;
  const param = /^\w+/.exec(source.expression)![0];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (parametersOf(fn).some((p) => p.name === param)) return { ...source, owner: fn };
  }
  return null;
}

/** Callees that run a closure after the current call has returned. */
const LATER = /(^|\.)(AfterFunc|Cleanup|OnClose|OnShutdown|RegisterOnShutdown)$/;

/**
 * True when code at `node` runs after, or apart from, the call of `owner`: inside a `go` or `defer` statement,
 * or inside a closure that is stored for later (assigned, returned, put in a struct) or handed to `AfterFunc`,
 * `Cleanup` and the like. A fresh context there is a deliberate detachment, not a lost one.
 */
export function runsDetached(node: SyntaxNode, owner: SyntaxNode): boolean {
  for (let current = node.parent; current && current.id !== owner.id; current = current.parent) {
    if (current.type === 'go_statement' || current.type === 'defer_statement') return true;
    if (current.type === 'func_literal' && isStoredOrScheduled(current)) return true;
  }
  return false;
}

function isStoredOrScheduled(closure: SyntaxNode): boolean {
  const parent = closure.parent;
  if (!parent) return false;
  if (parent.type === 'call_expression') return false; // invoked on the spot: `func() { ... }()`
  if (parent.type === 'argument_list') {
    const callee = parent.parent?.childForFieldName('function')?.text ?? '';
    return LATER.test(callee);
  }
  return ['expression_list', 'keyed_element', 'literal_element', 'return_statement', 'var_spec'].includes(parent.type);
}
