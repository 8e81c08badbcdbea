/** Where a function's context comes from, and whether code at a point deliberately runs outside of it. */
import type { SyntaxNode } from '../../go/parser';

/** Callees that keep a closure to run once the current work is over. */
const LATER = /(^|\.)(Cleanup|OnClose|OnShutdown|RegisterOnShutdown)$/;

/** How code at a point runs relative to the function that owns the context. */
export type Detachment = 'goroutine' | 'later' | null;

/**
 * Whether code at `node` runs apart from the call of `owner`: `goroutine` inside a `go` statement or a closure
 * handed to `AfterFunc` (it runs concurrently, possibly after the request is over); `later` inside a `defer`
 * or a closure stored for later (assigned, returned, put in a struct) or handed to `Cleanup` and the like;
 * null when it runs as part of the call.
 */
export function detachment(node: SyntaxNode, owner: SyntaxNode): Detachment {
  for (let current = node.parent; current && current.id !== owner.id; current = current.parent) {
    if (current.type === 'go_statement') return 'goroutine';
    if (current.type === 'defer_statement') return 'later';
    if (current.type === 'func_literal') {
      const kind = closureKind(current);
      if (kind) return kind;
    }
  }
  return null;
}

function closureKind(closure: SyntaxNode): Detachment {
  const parent = closure.parent;
  if (!parent || parent.type === 'call_expression') return null; // invoked on the spot: `func() { ... }()`
  if (parent.type === 'argument_list') {
    const callee = parent.parent?.childForFieldName('function')?.text ?? '';
    if (/(^|\.)AfterFunc$/.test(callee)) return 'goroutine';
    return LATER.test(callee) ? 'later' : null;
  }
  return ['expression_list', 'keyed_element', 'literal_element', 'return_statement', 'var_spec'].includes(parent.type) ? 'later' : null;
}
