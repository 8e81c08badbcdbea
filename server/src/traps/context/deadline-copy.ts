/**
 * A deliberate detach: a fresh root context that takes over the incoming context's deadline, so the work
 * survives the client going away but not its budget:
 *
 *   deadline, ok := r.Context().Deadline()
 *   go func() {
 *       ctx := context.Background()
 *       if ok { ctx, cancel = context.WithDeadline(ctx, deadline) }
 *       ...
 *
 * or `context.WithDeadline(context.Background(), deadline)` in one call.
 */
import { CONTEXT_PACKAGES, fieldChildren, findAllWithin, isContextType } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { usesOf } from '../local-uses';

const DERIVE_WITH_TIME = new Set(['WithDeadline', 'WithTimeout', 'WithDeadlineCause', 'WithTimeoutCause']);

/** True when the root context made by `root` is given a deadline copied from another context. */
export function keepsDeadline(types: Resolver, root: SyntaxNode): boolean {
  const derivation = derivationOf(types, root);
  if (derivation) return copiesDeadline(types, derivation);
  // `ctx := context.Background()`, then `ctx, cancel = context.WithDeadline(ctx, deadline)`.
  const list = root.parent?.type === 'expression_list' ? root.parent : null;
  const holder = list?.parent;
  if (holder?.type !== 'short_var_declaration' && holder?.type !== 'var_spec') return false;
  const name = holder.type === 'var_spec' ? fieldChildren(holder, 'name')[0] : holder.childForFieldName('left')?.namedChild(0);
  const local = name?.type === 'identifier' ? types.localDeclOf(name) : null;
  if (!local) return false;
  return usesOf(types, local).some((use) => {
    const derived = derivationOf(types, use);
    return !!derived && copiesDeadline(types, derived);
  });
}

/** The `context.WithDeadline(x, ...)`-like call that takes `node` as its parent context, if any. */
function derivationOf(types: Resolver, node: SyntaxNode): SyntaxNode | null {
  const args = node.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  if (!call || args!.namedChildren.find((n) => n?.type !== 'comment')?.id !== node.id) return null;
  const callee = types.calleeOf(call);
  return callee?.kind === 'func' && CONTEXT_PACKAGES.includes(callee.pkg) && DERIVE_WITH_TIME.has(callee.name) ? call : null;
}

/** The derivation's time argument comes from a context's `Deadline()`, directly or through a local. */
function copiesDeadline(types: Resolver, derivation: SyntaxNode): boolean {
  const time = derivation.childForFieldName('arguments')?.namedChildren.filter((n) => n?.type !== 'comment')[1];
  if (!time) return false;
  if (callsDeadline(types, time)) return true;
  return findAllWithin(time, 'identifier').some((id) => {
    const local = types.localDeclOf(id);
    const value = local && (local.kind === 'short' || local.kind === 'var') ? local.holder.childForFieldName(local.kind === 'short' ? 'right' : 'value') : null;
    return !!value && callsDeadline(types, value);
  });
}

/** `<context>.Deadline()` somewhere in `node`. */
function callsDeadline(types: Resolver, node: SyntaxNode): boolean {
  const calls = findAllWithin(node, 'call_expression');
  return calls.some((call) => {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Deadline') return false;
    return isContextType(types, types.typeOf(fn.childForFieldName('operand')));
  });
}
