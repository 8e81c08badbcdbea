/**
 * `http.NewRequest(...)` builds a request bound to `context.Background()`: the caller's deadline and
 * cancellation never reach the outgoing call. The call and the contexts in scope are known by their resolved
 * types, so import aliases count and a shadowed `http` or another package's `NewRequest` does not.
 */
import { fieldChildren } from '../../go/syntax';
import { boundedClients, clientTimeoutOfSend } from './bounded-clients';
import type { Settings } from '../../engine/config';
import type { Severity } from '../../engine/types';
import { ensureImport, insertAt, insertLinesBefore, replaceNode } from '../../engine/edits';
import { contextInScope, contextKindOf, contextVariableAt, enclosingFunction, enclosingStatement, findAll } from '../../go/syntax';
import { remoteTimeout } from './http-client';
import { NET_HTTP, responseUse } from './client-uses';
import { usesOf } from '../local-uses';
import { isTestHarness } from '../test-harness';
import type { Resolver } from '../../go/resolver';
import type { SyntaxNode } from '../../go/parser';
import type { FileEdit } from '../../engine/types';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';

export const rule = defineFileRule({
  meta: {
    id: 'http-request-no-context',
    trap: 'remote',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'http.NewRequest builds a request that no caller can cancel or bound; use http.NewRequestWithContext.',
      zh: 'http.NewRequest 构造的请求无法被调用方取消或限时；应使用 http.NewRequestWithContext。',
    },
    why: {
      en: 'A request made with http.NewRequest carries context.Background(): when the incoming request times out or the client goes away, the outgoing call keeps running and keeps its goroutine and connection, so the upstream deadline stops at this line.',
      zh: '用 http.NewRequest 构造的请求带的是 context.Background()：入口请求超时或客户端断开后，出站调用仍继续执行，占着 goroutine 和连接，上游的超时在这一行被截断。',
    },
    messages: {
      noContext: {
        en: 'http.NewRequest ignores {ctx}: the deadline and cancellation of the caller do not reach this call.',
        zh: 'http.NewRequest 没有使用 {ctx}：调用方的超时和取消传不到这次调用。',
      },
      noContextInScope: {
        en: 'http.NewRequest builds a request nobody can cancel or bound; pass a context with http.NewRequestWithContext.',
        zh: 'http.NewRequest 构造的请求无人能取消或限时；请通过 http.NewRequestWithContext 传入 context。',
      },
      noContextClientBounded: {
        en: 'http.NewRequest builds a request nobody can cancel; the client it is sent through has a Timeout (line {line}), so it is bounded, and this function has no context to pass. Give the function a context and use http.NewRequestWithContext when its callers have one.',
        zh: 'http.NewRequest 构造的请求无人能取消；发送它的客户端设置了 Timeout(第 {line} 行)，请求有上限，而这个函数也没有可传的 context。等调用方有 context 时，给函数加上 context 参数并改用 http.NewRequestWithContext。',
      },
      contextDiscarded: {
        en: 'http.NewRequest builds a request nobody can cancel, in a function that receives the caller\'s context and discards it (the parameter named _): the deadline and cancellation of the caller do not reach this call.',
        zh: 'http.NewRequest 构造的请求无人能取消，而所在函数收到了调用方的 context 却把它丢弃了(参数名为 _)：调用方的超时和取消传不到这次调用。',
      },
      fixNameContext: {
        en: 'Name the context parameter ctx and use http.NewRequestWithContext(ctx, ...)',
        zh: '把 context 参数命名为 ctx，并改用 http.NewRequestWithContext(ctx, ...)',
      },
      clientTimeoutHere: { en: 'the client gets its Timeout here', zh: '客户端在这里设置 Timeout' },
      fixUseContext: { en: 'Use http.NewRequestWithContext({ctx}, ...)', zh: '改用 http.NewRequestWithContext({ctx}, ...)' },
      fixWithTimeout: {
        en: 'Use http.NewRequestWithContext with a {timeout} context.WithTimeout',
        zh: '改用 http.NewRequestWithContext，并使用 {timeout} 的 context.WithTimeout',
      },
    },
  },
  check(context) {
    const { file, types } = context;
    // Tests build requests to feed handlers directly; no remote call hangs on them.
    if (isTestHarness(file, context.location, context.settings) || !file.text.includes('NewRequest')) return;
    let bounded: Map<string, SyntaxNode> | undefined;
    for (const selector of findAll(file.root, 'selector_expression')) {
      if (selector.childForFieldName('field')?.text !== 'NewRequest') continue;
      const callee = types.resolve(selector);
      if (callee?.kind !== 'func' || callee.pkg !== NET_HTTP) continue;
      const call = selector.parent;
      const timeout = context.settings.timeouts.http;
      if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== selector.id) {
        // A function value (`newRequest := http.NewRequest`): every request it builds lacks a context too.
        context.report({ node: selector, messageId: 'noContextInScope', data: { timeout } });
        continue;
      }
      if (contextAttachedLater(types, call)) continue;
      const ctx = contextVariableAt(types, call)?.text ?? contextInScope(types, call)?.expression;
      if (ctx) {
        context.report({ node: call, messageId: 'noContext', data: { ctx, timeout }, fixes: useContextFix(context, call, ctx) });
      } else if (blankContextParameter(types, call)) {
        // The caller's context arrives and is thrown away: that, not a new timeout, is what to fix.
        const blank = blankContextParameter(types, call)!;
        context.report({ node: call, messageId: 'contextDiscarded', data: { timeout }, fixes: nameContextFix(context, call, blank) });
      } else if ((bounded ??= boundedClients(types)) && clientTimeoutOfSend(types, call, bounded)) {
        // Bounded already, nothing to cancel it with: a lower level, and no fix that would cut the client's budget.
        const timeoutAt = clientTimeoutOfSend(types, call, bounded)!;
        context.report({
          node: call,
          messageId: 'noContextClientBounded',
          data: { line: timeoutAt.startPosition.row + 1, timeout },
          related: [{ path: file.path, range: rangeOf(timeoutAt), message: rule.meta.messages.clientTimeoutHere }],
          severity: informationLevel(context.settings),
        });
      } else {
        const fix = withTimeoutFix(context, call);
        context.report({ node: call, messageId: 'noContextInScope', data: { timeout: fix.timeout }, fixes: fix.fixes });
      }
    }
  },
});

/**
 * `req, _ := http.NewRequest(...)` followed by `req = req.WithContext(ctx)` (the pre-Go 1.13 idiom) or
 * `req.Clone(ctx)`: the request does get a context before it is sent.
 */
function contextAttachedLater(types: Resolver, call: SyntaxNode): boolean {
  const statement = enclosingStatement(call);
  if (!statement || (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement')) return false;
  const request = statement.childForFieldName('left')?.namedChild(0);
  const local = request?.type === 'identifier' ? types.localDeclOf(request) : null;
  if (!local) return false;
  return usesOf(types, local).some((use) => {
    if (use.startIndex < call.endIndex) return false;
    const method = use.parent?.type === 'selector_expression' && use.parent.childForFieldName('operand')?.id === use.id ? use.parent : null;
    const name = method?.childForFieldName('field')?.text;
    return method?.parent?.type === 'call_expression' && (name === 'WithContext' || name === 'Clone');
  });
}

function newRequestWithContext(context: FileContext, call: SyntaxNode, ctx: string): FileEdit[] {
  const callee = call.childForFieldName('function')!;
  const http = callee.childForFieldName('operand')!.text;
  const open = call.childForFieldName('arguments')!.child(0)!;
  return [
    replaceNode(context.file, callee, `${http}.NewRequestWithContext`),
    insertAt(context.file, rangeOf(open).end, `${ctx}, `),
  ];
}

function useContextFix(context: FileContext, call: SyntaxNode, ctx: string): FixDescriptor[] {
  return [{ title: rule.meta.messages.fixUseContext, edits: newRequestWithContext(context, call, ctx) }];
}

/**
 * With no context in scope: derive one with the configured timeout right before the statement and cancel it
 * when the function returns. Only offered when that cannot cut a request short that outlives the function (the
 * request or response is returned, or kept by a goroutine) and the names `ctx` and `cancel` are free.
 */
function withTimeoutFix(context: FileContext, call: SyntaxNode): { timeout: string; fixes: FixDescriptor[] } {
  const { file } = context;
  const statement = enclosingStatement(call);
  const fn = enclosingFunction(call);
  const duration = remoteTimeout(context, call);
  const timeout = duration?.text ?? context.settings.timeouts.http;
  const none = { timeout, fixes: [] };
  if (!statement || !fn || statement.parent?.type !== 'statement_list') return none;
  if (declaresName(fn, 'ctx') || declaresName(fn, 'cancel')) return none;
  if (outlivesFunction(fn, statement) || responseStreamed(context.types, statement)) return none;
  const contextPkg = file.localNameOf('context') ?? (file.importPathOf('context') ? null : 'context');
  if (!contextPkg || !duration) return none;
  const edits: FileEdit[] = [
    insertLinesBefore(file, statement, [`ctx, cancel := ${contextPkg}.WithTimeout(${contextPkg}.Background(), ${compactBinary(duration.text)})`, 'defer cancel()']),
    ...newRequestWithContext(context, call, 'ctx'),
    ...duration.edits,
    ...ensureImport(file, 'context'),
  ];
  return { timeout, fixes: [{ title: rule.meta.messages.fixWithTimeout, edits, safe: false }] };
}

/**
 * True when a response to the request `statement` declares is streamed, saved or handed on (`io.Copy` to a file
 * or a terminal): a request-sized timeout would cut the transfer short.
 */
function responseStreamed(types: Resolver, statement: SyntaxNode): boolean {
  const request = statement.childForFieldName('left')?.namedChild(0);
  const local = request?.type === 'identifier' ? types.localDeclOf(request) : null;
  if (!local) return false;
  return usesOf(types, local).some((use) => {
    const send = use.parent?.type === 'argument_list' ? use.parent.parent : null;
    const fn = send?.type === 'call_expression' ? send.childForFieldName('function') : null;
    return fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Do' && responseUse(types, send!).kind !== 'bounded';
  });
}

/** The `_` of a `_ context.Context` parameter of the function around `call` (closures' parents not searched). */
function blankContextParameter(types: Resolver, call: SyntaxNode): SyntaxNode | null {
  const fn = enclosingFunction(call);
  for (const decl of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (decl?.type !== 'parameter_declaration') continue;
    const blank = fieldChildren(decl, 'name').find((n) => n.text === '_');
    if (blank && contextKindOf(types, types.typeOfTypeNode(decl.childForFieldName('type'))) === 'context') return blank;
  }
  return null;
}

/**
 * Names the discarded parameter `ctx` and passes it. Unsafe: a context ignored on purpose (work meant to outlive
 * the caller) would now be cancelled with it. Not offered when `ctx` is taken.
 */
function nameContextFix(context: FileContext, call: SyntaxNode, blank: SyntaxNode): FixDescriptor[] {
  const fn = enclosingFunction(call);
  if (!fn || declaresName(fn, 'ctx')) return [];
  const edits = [replaceNode(context.file, blank, 'ctx'), ...newRequestWithContext(context, call, 'ctx')];
  return [{ title: rule.meta.messages.fixNameContext, edits, safe: false }];
}

/** gofmt writes `800*time.Millisecond` without spaces as one argument among several. */
function compactBinary(expression: string): string {
  return expression.replace(/ \* /g, '*');
}

/** True when `name` is in the signature of `fn` or declared anywhere in it: a new `ctx :=` would clash or shadow. */
function declaresName(fn: SyntaxNode, name: string): boolean {
  const signature = ['receiver', 'parameters', 'result'].flatMap((field) => fn.childForFieldName(field)?.descendantsOfType('identifier') ?? []);
  if (signature.some((id) => id?.text === name)) return true;
  return findAll(fn, ['short_var_declaration', 'var_spec', 'parameter_declaration', 'range_clause']).some((decl) => {
    const names = decl.type === 'var_spec' || decl.type === 'parameter_declaration' ? fieldChildren(decl, 'name') : decl.childForFieldName('left')?.namedChildren ?? [];
    return names.some((n) => n?.text === name);
  });
}

/**
 * True when the request, or the first value obtained from it (the response of `resp, err := c.Do(req)`), is
 * itself returned or used by a goroutine: a context cancelled on return would then cut its body short.
 */
function outlivesFunction(fn: SyntaxNode, statement: SyntaxNode): boolean {
  const request = statement.childForFieldName('left')?.namedChild(0)?.text;
  if (!request || request === '_') return true;
  const carriers = new Set([request]);
  for (const decl of findAll(fn, ['short_var_declaration', 'assignment_statement'])) {
    const right = decl.childForFieldName('right')?.text ?? '';
    if (!new RegExp(`\\b${request}\\b`).test(right)) continue;
    const first = decl.childForFieldName('left')?.namedChild(0)?.text;
    if (first && first !== '_') carriers.add(first);
  }
  // `return resp`, `return resp.Body`, `return &Result{Body: resp.Body}`; a call such as `return resp.Body.Close()` ends its use.
  const carried = (value: SyntaxNode) => value.type !== 'call_expression' && [value, ...value.descendantsOfType('identifier')].some((id) => !!id && carriers.has(id.text));
  const returned = (ret: SyntaxNode) => (ret.namedChild(0)?.namedChildren ?? []).some((value) => !!value && carried(value));
  const captured = (go: SyntaxNode) => go.descendantsOfType('identifier').some((id) => !!id && carriers.has(id.text));
  return findAll(fn, 'return_statement').some(returned) || findAll(fn, 'go_statement').some(captured);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** Information, or the rule's configured level when that is lower still ("hint"). */
function informationLevel(settings: Settings): Severity {
  const level = settings.rules[rule.meta.id];
  return level && level !== 'off' && RANK[level] < RANK.info ? level : 'info';
}
