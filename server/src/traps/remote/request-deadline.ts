/**
 * Whether a request sent with `client.Do(req)` carries a deadline of its own: `req` built by
 * `http.NewRequestWithContext(ctx, ...)` (or given one by `req.WithContext(ctx)` / `req.Clone(ctx)`) where `ctx`
 * comes from `context.WithTimeout`/`WithDeadline` in the same function. Such a call is bounded whatever the
 * client's `Timeout`, and a client-wide 800 ms would cut the budget the code chose.
 */
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { LocalDecl } from '../../go/scopes';
import { usesOf } from '../local-uses';
import { NET_HTTP } from './client-uses';

const DEADLINE_DERIVERS = new Set(['WithTimeout', 'WithDeadline', 'WithTimeoutCause', 'WithDeadlineCause']);

/** True when the `Do(req)` call `send` sends a request whose context has a deadline set in this function. */
export function sentWithDeadline(types: Resolver, send: SyntaxNode): boolean {
  const fn = send.childForFieldName('function');
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Do') return false;
  const request = send.childForFieldName('arguments')?.namedChildren.find((n) => n?.type !== 'comment');
  return !!request && requestHasDeadline(types, request);
}

function requestHasDeadline(types: Resolver, request: SyntaxNode): boolean {
  const local = request.type === 'identifier' ? types.localDeclOf(request) : null;
  if (!local) return isRequestWithDeadline(types, request);
  return valuesOf(types, local).some((value) => isRequestWithDeadline(types, value));
}

/** `http.NewRequestWithContext(ctx, ...)`, `r.WithContext(ctx)` or `r.Clone(ctx)` with `ctx` bounded. */
function isRequestWithDeadline(types: Resolver, value: SyntaxNode): boolean {
  if (value.type !== 'call_expression') return false;
  const callee = types.calleeOf(value);
  const first = value.childForFieldName('arguments')?.namedChildren.find((n) => n?.type !== 'comment');
  if (!callee || !first) return false;
  const builds =
    (callee.kind === 'func' && callee.pkg === NET_HTTP && callee.name === 'NewRequestWithContext') ||
    (callee.kind === 'method' && (callee.name === 'WithContext' || callee.name === 'Clone') && callee.receiver.includes(`"${NET_HTTP}".Request`));
  return builds && contextHasDeadline(types, first);
}

function contextHasDeadline(types: Resolver, ctx: SyntaxNode): boolean {
  const local = ctx.type === 'identifier' ? types.localDeclOf(ctx) : null;
  if (!local) return false;
  return valuesOf(types, local).some((value) => {
    const callee = value.type === 'call_expression' ? types.calleeOf(value) : null;
    return callee?.kind === 'func' && callee.pkg === 'context' && DEADLINE_DERIVERS.has(callee.name);
  });
}

/**
 * The expressions a local is given: at its declaration and in later assignments. For `a, b := f()` the call
 * itself stands for each name (a two-result call is one expression on the right).
 */
function valuesOf(types: Resolver, local: LocalDecl): SyntaxNode[] {
  const values: SyntaxNode[] = [];
  const take = (statement: SyntaxNode | null | undefined, index: number) => {
    if (!statement) return;
    const right = statement.type === 'var_spec' ? statement.childForFieldName('value') : statement.childForFieldName('right');
    const expressions = right?.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment') ?? [];
    const value = expressions.length === 1 ? expressions[0] : expressions[index];
    if (value) values.push(value);
  };
  if (local.kind === 'short' || local.kind === 'var') take(local.holder, local.index);
  for (const use of usesOf(types, local)) {
    const list = use.parent;
    const statement = list?.type === 'expression_list' ? list.parent : null;
    if (statement?.type !== 'assignment_statement' || statement.childForFieldName('left')?.id !== list!.id) continue;
    take(statement, list!.namedChildren.findIndex((n) => n?.id === use.id));
  }
  return values;
}
