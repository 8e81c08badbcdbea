/** An error log with no order/user/request/trace id: the line says something failed, not for whom. */
import { ensureImport, insertAt } from '../../engine/edits';
import { contextInScope, functionName } from '../../go/syntax';
import { isStartupCode } from './startup-code';
import { FindingBudget, NOT_LISTED } from './finding-budget';
import { errorLogCalls, ErrorLogCall } from './logging-calls';
import { ZEROLOG_TYPED } from './logging-convert';
import { goString } from './logging-format';
import { LocalName, normalizeKey, ScopeNames } from './logging-scope';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';

export const rule = defineFileRule({
  meta: {
    id: 'log-error-no-fields',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'An error-level structured log carries none of the identifying fields (order_id, user_id, request_id, trace_id, ...).',
      zh: '错误级别的结构化日志没有携带任何标识字段（order_id、user_id、request_id、trace_id 等）。',
    },
    why: {
      en: 'An error line without an order, user, request or trace id cannot be tied to the request that failed: you learn that callbacks fail, not which ones or through which channel.',
      zh: '没有订单、用户、请求或 trace id 的错误日志无法关联到出错的那次请求：你只知道回调失败了，却不知道是哪一笔、走的哪个渠道。',
    },
    messages: {
      noFields: {
        en: 'This error log carries no identifying field; add one of: {keys}.',
        zh: '这条错误日志没有任何标识字段；请加上其中之一：{keys}。',
      },
      fixAdd: { en: 'Add {fields} to the log', zh: '在日志中加入 {fields}' },
      notListed: NOT_LISTED,
    },
  },
  check(context) {
    if (context.file.isTest) return;
    const idKeys = context.settings.log.idKeys;
    const wanted = new Set(idKeys.map(normalizeKey));
    if (wanted.size === 0) return;
    const names = new ScopeNames();
    const budget = new FindingBudget(context);
    for (const call of errorLogCalls(context.file, context.types)) {
      if (call.opaque || call.keys.some((k) => wanted.has(normalizeKey(k)))) continue;
      const available = idKeys
        .map((key) => ({ key, variable: names.variableFor(call.outer, key) }))
        .filter((p): p is { key: string; variable: LocalName } => !!p.variable);
      // Background plumbing (an accept loop, a metrics sender) has no request to identify: only judge code
      // that serves a request (a context or request in scope) or that holds an id it leaves out.
      if (available.length === 0 && !servesRequest(context, call)) continue;
      if (!budget.admit(call.node)) continue;
      const edits = available.length > 0 ? fieldEdits(context, call, available) : null;
      const fixes: FixDescriptor[] = edits ? [{ title: rule.meta.messages.fixAdd, edits }] : [];
      context.report({
        node: call.node,
        messageId: 'noFields',
        data: { keys: idKeys.join(', '), fields: available.map((a) => a.key).join(', ') },
        fixes,
      });
    }
    budget.finish();
  },
});

type Field = { key: string; variable: LocalName };

/**
 * True when the call serves a request: a request or framework context is in scope, or a `context.Context`
 * that is not just start-up code's (a parameter of a top-level function in an `initialize/` package, in
 * migration or fixture code, or of `InitDB`-like functions, which run once with no request to name). A
 * callback's own context (a closure's parameter) runs later, per event, and still counts.
 */
function servesRequest(context: FileContext, call: ErrorLogCall): boolean {
  const scope = contextInScope(context.types, call.outer);
  if (!scope) return false;
  if (scope.kind !== 'context' || scope.owner.type === 'func_literal') return true;
  return !isStartupCode(context.location, functionName(scope.owner));
}

const ZAP = 'go.uber.org/zap';
const ZAP_TYPED: Record<string, string> = { string: 'String', int: 'Int', int64: 'Int64', uint64: 'Uint64', int32: 'Int32' };

/** The edits that add each available id variable as a field, in the library's own idiom. */
function fieldEdits(context: FileContext, call: ErrorLogCall, fields: Field[]): FileEdit[] | null {
  const { file } = context;
  const typeOf = (variable: LocalName) => context.types.typeOf(variable.node) ?? '';
  const last = call.chain.calls[call.chain.calls.length - 1];
  // After the last argument, not before `)`: a multi-line call keeps its trailing comma where it was.
  const argsEnd = () => rangeOf(last.args[last.args.length - 1]).end;
  switch (call.library) {
    case 'zerolog': {
      const text = fields.map(({ key, variable }) => `.${ZEROLOG_TYPED[typeOf(variable)] ?? 'Interface'}(${goString(key)}, ${variable.name})`).join('');
      return [insertAt(file, rangeOf(call.node).end, text)];
    }
    case 'slog': {
      if (last.args.length === 0) return null;
      return [insertAt(file, argsEnd(), fields.map(({ key, variable }) => `, ${goString(key)}, ${variable.name}`).join(''))];
    }
    case 'zap': {
      if (last.method === 'Errorw' && last.args.length > 0) {
        return [insertAt(file, argsEnd(), fields.map(({ key, variable }) => `, ${goString(key)}, ${variable.name}`).join(''))];
      }
      if (last.method !== 'Error' || !call.zapTyped || last.args.length === 0) return null;
      // A logger field declared in another file leaves this one without the zap import the typed fields need.
      const zap = file.localNameOf(ZAP) ?? 'zap';
      if (!file.localNameOf(ZAP) && file.importPathOf(zap)) return null;
      const text = fields.map(({ key, variable }) => `, ${zap}.${ZAP_TYPED[typeOf(variable)] ?? 'Any'}(${goString(key)}, ${variable.name})`).join('');
      return [insertAt(file, argsEnd(), text), ...ensureImport(file, ZAP)];
    }
    case 'logrus': {
      const receiver = last.call.childForFieldName('function')!.childForFieldName('operand')!;
      const text = fields.map(({ key, variable }) => `.WithField(${goString(key)}, ${variable.name})`).join('');
      return [insertAt(file, rangeOf(receiver).end, text)];
    }
  }
}
