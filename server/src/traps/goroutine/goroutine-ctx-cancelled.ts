/** A goroutine handed a context that its starter cancels on return: the background work is cut off mid-way. */
import { ensureImport, insertAt, replaceNode } from '../../engine/edits';
import { goDuration } from '../../engine/config';
import { callArguments, enclosingFunction, findAll, functionName, goStatements, isInMainOrInit } from '../../go/syntax';
import { capturedDoomed, DoomedContext, DoomedUse, doomedContexts, doomedUse, joinedAfter, mayHoldDoomedContext, watchesCancellation } from './goroutine-context';
import { goCall, packageName, startedFunction } from './goroutine-ast';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor, RelatedDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';

export const rule = defineFileRule({
  meta: {
    id: 'goroutine-ctx-cancelled',
    trap: 'goroutine',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A goroutine gets a context that is cancelled when the function starting it returns.',
      zh: 'goroutine 拿到的 context 会在启动它的函数返回时被取消。',
    },
    why: {
      en: '`defer cancel()` (or the end of an HTTP request) cancels the context the moment the function returns, while the goroutine it started is still working: async webhooks, audit writes and metric reports silently stop half-way.',
      zh: '`defer cancel()`(或 HTTP 请求结束)会在函数返回的那一刻取消 context，而它启动的 goroutine 还在干活：异步 webhook、审计写入、指标上报都会悄无声息地半途中止。',
    },
    messages: {
      cancelled: {
        en: 'This goroutine uses {ctx}, which {func} cancels (by its deferred or explicit cancel) without waiting for the goroutine: its work is cut off mid-way. Detach it with context.WithoutCancel({ctx}) (Go 1.21+), giving it its own timeout if needed, or wait for it before returning.',
        zh: '该 goroutine 使用的 {ctx} 会被 {func} 取消(defer 或显式调用的 cancel)，而函数并不等待它：任务会被半途打断。请用 context.WithoutCancel({ctx})(Go 1.21+)脱离取消，必要时另设超时；或在返回前等待该 goroutine。',
      },
      request: {
        en: 'This goroutine uses {ctx}, the request\'s context, which is cancelled as soon as the handler returns or the client goes away: its work is cut off mid-way. Detach it with context.WithoutCancel({ctx}) (Go 1.21+), giving it its own timeout if needed.',
        zh: '该 goroutine 使用的 {ctx} 是请求的 context，handler 一返回或客户端断开就会被取消：任务会被半途打断。请用 context.WithoutCancel({ctx})(Go 1.21+)脱离取消，必要时另设超时。',
      },
      gin: {
        en: 'This goroutine uses the gin context {ctx}, which gin recycles for another request once the handler returns. Hand the goroutine {ctx}.Copy(), and context.WithoutCancel({ctx}.Request.Context()) (Go 1.21+) if it needs a context.',
        zh: '该 goroutine 使用了 gin context {ctx}，handler 返回后 gin 会把它复用给其他请求。请传入 {ctx}.Copy()；如需 context，用 context.WithoutCancel({ctx}.Request.Context())(Go 1.21+)。',
      },
      cancelHere: { en: '{func} cancels it here', zh: '{func} 在此取消它' },
      fixDetach: { en: 'Detach with context.WithoutCancel (Go 1.21+)', zh: '用 context.WithoutCancel 脱离取消(Go 1.21+)' },
      fixDetachTimeout: {
        en: 'Detach with context.WithoutCancel and give the goroutine its own {timeout} timeout (Go 1.21+)',
        zh: '用 context.WithoutCancel 脱离取消，并为 goroutine 另设 {timeout} 超时(Go 1.21+)',
      },
    },
  },
  check(context) {
    if (context.file.isTest || !mayHoldDoomedContext(context.file)) return;
    const byFunction = new Map<number, Map<string, DoomedContext>>();
    for (const goStatement of goStatements(context.file)) {
      const fn = enclosingFunction(goStatement);
      if (!fn || isInMainOrInit(context.file, goStatement)) continue;
      let doomed = byFunction.get(fn.id);
      if (!doomed) byFunction.set(fn.id, (doomed = doomedContexts(context.file, fn)));
      if (doomed.size > 0) checkGo(context, fn, goStatement, doomed);
    }
  },
});

function checkGo(context: FileContext, fn: SyntaxNode, goStatement: SyntaxNode, doomed: Map<string, DoomedContext>): void {
  const call = goCall(goStatement);
  if (!call) return;
  const inArguments = callArguments(call)
    .map((arg) => ({ arg, use: doomedUse(context.file, arg, doomed) }))
    .filter((a): a is { arg: SyntaxNode; use: DoomedUse } => !!a.use);
  const callee = call.childForFieldName('function');
  const captured = callee?.type === 'func_literal' ? capturedDoomed(context.file, callee, doomed) : [];
  const use = inArguments[0]?.use ?? captured[0];
  if (!use) return;
  // A goroutine that watches ctx.Done() or ctx.Err() is built to stop on cancel; one joined before return finishes first.
  const started = startedFunction(context.file, goStatement);
  if (started && watchesCancellation(started.fn)) return;
  if (joinedAfter(fn, goStatement)) return;

  const entry = doomed.get(use.key)!;
  // A cancel called before the goroutine starts is a different bug (a dead context), not a cut-off one.
  const cancels = entry.cancels.filter((c) => c.type === 'defer_statement' || c.startIndex > goStatement.endIndex);
  if (entry.kind === 'cancel' && cancels.length === 0) return;
  const ctx = use.node.text;
  const func = functionName(fn) || 'the enclosing function';
  const related: RelatedDescriptor[] = cancels.slice(0, 1).map((c) => ({ path: context.file.path, range: rangeOf(c), message: rule.meta.messages.cancelHere }));
  const fixes = entry.kind === 'gin' ? [] : detachFix(context, call, inArguments.map((a) => a.arg), callee?.type === 'func_literal' ? callee : null, captured);
  context.report({ node: goStatement.child(0)!, messageId: entry.kind === 'cancel' ? 'cancelled' : entry.kind, data: { ctx, func, timeout: context.settings.timeouts.http }, related, fixes });
}

/**
 * Arguments are wrapped in place; a closure that captures one context variable gets it as a parameter, passed
 * detached; `r.Context()` calls inside a closure are wrapped where they stand.
 */
function detachFix(context: FileContext, call: SyntaxNode, args: SyntaxNode[], literal: SyntaxNode | null, captured: DoomedUse[]): FixDescriptor[] {
  const file = context.file;
  const pkg = packageName(file, 'context', 'context');
  const edits: FileEdit[] = [];
  if (args.length > 0 && captured.length === 0) {
    for (const arg of args) edits.push(replaceNode(file, arg, `${pkg}.WithoutCancel(${arg.text})`));
  } else if (literal && args.length === 0 && captured.length > 0) {
    const calls = captured.filter((u) => u.node.type === 'call_expression');
    const names = new Set(captured.filter((u) => u.node.type === 'identifier').map((u) => u.key));
    if (names.size > 1 || (names.size === 1 && calls.length > 0)) return [];
    if (names.size === 1) {
      const name = [...names][0];
      const edit = addParameter(file, literal, call, name, `${pkg}.Context`, `${pkg}.WithoutCancel(${name})`);
      if (!edit) return [];
      edits.push(...edit);
      const detach = { title: rule.meta.messages.fixDetach, edits: [...edits, ...ensureImport(file, 'context')], safe: false };
      const bounded = ownTimeoutEdits(context, literal, name);
      if (!bounded) return [detach];
      // Both fixes may import context; the second also time. Keep one edit per import line.
      const imports = [...ensureImport(file, 'context'), ...ensureImport(file, 'time')];
      return [detach, { title: rule.meta.messages.fixDetachTimeout, edits: [...edits, bounded, ...imports], safe: false }];
    } else {
      for (const use of calls) edits.push(replaceNode(file, use.node, `${pkg}.WithoutCancel(${use.node.text})`));
    }
  } else return [];
  return [{ title: rule.meta.messages.fixDetach, edits: [...edits, ...ensureImport(file, 'context')], safe: false }];
}

/**
 * The first lines of a detached closure that give it a deadline of its own (`timeouts.http`, the budget of the
 * remote call such goroutines usually make): `ctx, cancel := context.WithTimeout(ctx, d)` and `defer cancel()`.
 */
function ownTimeoutEdits(context: FileContext, literal: SyntaxNode, name: string): FileEdit | null {
  const file = context.file;
  const body = literal.childForFieldName('body');
  const open = body?.child(0);
  if (!body || !open || body.startPosition.row === body.endPosition.row) return null;
  const rest = file.lineText(open.endPosition.row).slice(open.endPosition.column).trim();
  if (rest !== '' && !rest.startsWith('//')) return null;
  if (findAll(body, 'identifier').some((n) => n.text === 'cancel')) return null;
  const pkg = packageName(file, 'context', 'context');
  // gofmt writes a product without spaces as one of several call arguments.
  const timeout = goDuration(context.settings.timeouts.http, packageName(file, 'time', 'time')).replace(' * ', '*');
  const indent = file.indentOf(literal.startPosition.row) + '\t';
  const lines = [`${name}, cancel := ${pkg}.WithTimeout(${name}, ${timeout})`, 'defer cancel()'].map((l) => `\n${indent}${l}`).join('');
  return insertAt(file, { line: open.endPosition.row, character: file.lineText(open.endPosition.row).length }, lines);
}

/** `go func() {...}()` → `go func(ctx context.Context) {...}(context.WithoutCancel(ctx))`. */
function addParameter(file: FileContext['file'], literal: SyntaxNode, call: SyntaxNode, name: string, type: string, argument: string): FileEdit[] | null {
  const params = literal.childForFieldName('parameters');
  const args = call.childForFieldName('arguments');
  if (!params || !args || params.startPosition.row !== params.endPosition.row || args.startPosition.row !== args.endPosition.row) return null;
  if (params.namedChildren.some((p) => p?.type === 'variadic_parameter_declaration')) return null;
  const paramText = params.namedChildCount > 0 ? `, ${name} ${type}` : `${name} ${type}`;
  const argText = args.namedChildCount > 0 ? `, ${argument}` : argument;
  const before = (node: SyntaxNode) => ({ line: node.endPosition.row, character: node.endPosition.column - 1 });
  return [insertAt(file, before(params), paramText), insertAt(file, before(args), argText)];
}
