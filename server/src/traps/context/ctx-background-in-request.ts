/**
 * `context.Background()` / `context.TODO()` in a function that already has a context: the caller's deadline,
 * cancellation and trace stop at that line.
 */
import { detachment } from './context-source';
import { replaceNode } from '../../engine/edits';
import { ancestor, CONTEXT_PACKAGES, ContextSource, contextInScope, enclosingFunction, isContextType, isInMainOrInit } from '../../go/syntax';
import { keepsDeadline } from './deadline-copy';
import { goSupports } from '../../engine/go-version';
import { isTestHarness } from '../test-harness';
import { deleteImport, importUses } from '../imports';
import type { FileEdit } from '../../engine/types';
import { rangeOf } from '../../go/source';
import { namedParts } from '../../go/types';
import type { Resolver } from '../../go/resolver';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext } from '../../engine/rule';
import { callsNamed } from '../../go/calls-by-name';

/** Helpers whose whole point is to detach from a parent context, e.g. `xcontext.Detach(...)`. */
const DETACHING_CALLEE = /(Detach|WithoutCancel|NoCancel|WithoutDeadline|ContextWithSpan)\w*$/i;

export const rule = defineFileRule({
  meta: {
    id: 'ctx-background-in-request',
    trap: 'context',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'context.Background() or context.TODO() inside a function that already has a context (a context.Context parameter, *http.Request, *gin.Context, echo.Context).',
      zh: '在已有 context 的函数里(context.Context 参数、*http.Request、*gin.Context、echo.Context)使用了 context.Background() 或 context.TODO()。',
    },
    why: {
      en: 'A fresh root context drops the request deadline and cancellation (and the trace that rides on it): when the client gives up or the budget runs out, the database query or remote call started here keeps running and keeps its connection.',
      zh: '新建的根 context 丢掉了请求的超时、取消(以及挂在上面的链路追踪)：客户端放弃或预算耗尽后，这里发起的数据库查询或远程调用仍继续执行，继续占着连接。',
    },
    messages: {
      fresh: {
        en: '{call} starts a new root context although {ctx} is in scope: the deadline and cancellation of the request stop here.',
        zh: '作用域内已有 {ctx}，{call} 却新建了根 context：请求的超时和取消在这里断开。',
      },
      freshRepeated: {
        en: '{call} starts a new root context although {ctx} is in scope, and {more} more calls of {callee} in this file do the same (related locations): the deadline and cancellation of the request stop at each. One decision, one finding; the fix passes the context in scope at every one.',
        zh: '作用域内已有 {ctx}，{call} 却新建了根 context；本文件中另有 {more} 处对 {callee} 的调用也这样做(见相关位置)：请求的超时和取消在每一处都断开。同一个决定只报告一次；修复会在每一处改用作用域内的 context。',
      },
      sameCallee: { en: 'the same fresh context handed to {callee} here', zh: '此处同样把新建的 context 交给 {callee}' },
      detached: {
        en: '{call} in a goroutine drops the values and trace of {ctx} along with its cancellation; context.WithoutCancel({ctx}) (Go 1.21+) keeps them and drops only the cancellation.',
        zh: 'goroutine 中的 {call} 在去掉 {ctx} 的取消的同时，也丢掉了它携带的值和链路追踪；context.WithoutCancel({ctx})(Go 1.21+)只去掉取消，保留这些信息。',
      },
      fixUseScope: { en: 'Use {ctx}', zh: '改用 {ctx}' },
      fixWithoutCancel: { en: 'Use context.WithoutCancel({ctx}) (Go 1.21+)', zh: '改用 context.WithoutCancel({ctx})(Go 1.21+)' },
    },
  },
  check(context) {
    const { file, types } = context;
    if (isTestHarness(file, context.location, context.settings) || !CONTEXT_PACKAGES.some((path) => file.localNameOf(path))) return;
    const contextPkg = file.localNameOf('context');
    const fresh: { call: SyntaxNode; data: Record<string, string>; scope: ContextSource }[] = [];
    for (const call of callsNamed(file, ['Background', 'TODO'])) {
      if (!isRootContextCall(types, call)) continue;
      const scope = contextInScope(types, call);
      if (!scope || isDeliberate(context, call, scope)) continue;
      const data = { call: `${call.childForFieldName('function')!.text}()`, ctx: scope.expression };
      const runs = detachment(call, scope.owner);
      if (runs === 'later') continue;
      if (runs === 'goroutine') {
        // The request context would be cancelled under the goroutine's feet; detach it, keeping its values.
        // gin reuses its Context once the handler returns: read it inside the goroutine and it may be another request's.
        // context.WithoutCancel needs Go 1.21: an older module gets the finding without a fix that cannot compile.
        const lazy = scope.kind === 'gin' && enclosingFunction(call)?.id !== scope.owner.id;
        const usable = !lazy && !!contextPkg && goSupports(context.location, '1.21');
        const edits = [replaceNode(file, call, `${contextPkg}.WithoutCancel(${scope.expression})`)];
        const fixes = usable ? [{ title: rule.meta.messages.fixWithoutCancel, edits, safe: false }] : [];
        context.report({ node: call, messageId: 'detached', data, fixes });
        continue;
      }
      fresh.push({ call, data, scope });
    }
    // One helper of this package handed a fresh root at several places of a file (a status probe on every exit
    // path) is one decision: reported once, at the first, with the others as related locations and in the fix.
    // Library calls (a query, an upload) are not grouped: each is work of its own request.
    const groups = new Map<string, typeof fresh>();
    for (const site of fresh) {
      const key = receivingCallee(types, site.call) ?? `site:${site.call.id}`;
      groups.set(key, [...(groups.get(key) ?? []), site]);
    }
    const imports = importEdits(types, [...groups.values()].map((sites) => sites.map((site) => site.call)));
    for (const [key, sites] of groups) {
      const [{ call, data, scope }] = sites;
      const edits = [...sites.map((site) => replaceNode(file, site.call, site.scope.expression)), ...imports.edits];
      const fixes = [{ title: rule.meta.messages.fixUseScope, edits, safe: imports.safe }];
      if (sites.length === 1) {
        context.report({ node: call, messageId: 'fresh', data, fixes });
        continue;
      }
      const callee = key.slice(key.lastIndexOf('.') + 1);
      const related = sites.slice(1).map((site) => ({ path: file.path, range: rangeOf(site.call), message: rule.meta.messages.sameCallee }));
      context.report({ node: call, messageId: 'freshRepeated', data: { ...data, ctx: scope.expression, more: String(sites.length - 1), callee }, related, fixes });
    }
  },
});

/** The function or method of the file's own package a root context is handed to (`status(context.Background())`), or null. */
function receivingCallee(types: Resolver, call: SyntaxNode): string | null {
  const holder = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  if (holder?.type !== 'call_expression') return null;
  const callee = types.calleeOf(holder);
  if (!callee) return null;
  if (callee.kind === 'func') return callee.pkg === types.ownPackage ? `"${callee.pkg}".${callee.name}` : null;
  return namedParts(callee.receiver)?.pkg === types.ownPackage ? `${callee.receiver}.${callee.name}` : null;
}

/**
 * What replacing the root-context calls does to the file's imports (`fixes` lists the calls each fix replaces).
 * Go rejects an unused import, so when those calls are the only uses of their package: a single fix deletes the
 * import with them; several leave it to the last one applied, and are offered one at a time (fix-all would
 * apply them together and leave it unused).
 */
function importEdits(types: Resolver, fixes: SyntaxNode[][]): { edits: FileEdit[]; safe: boolean } {
  const replaced = fixes.flat();
  const paths = new Set(replaced.map((call) => (types.calleeOf(call) as { pkg: string }).pkg));
  const operands = new Set(replaced.map((call) => call.childForFieldName('function')?.childForFieldName('operand')?.id));
  let edits: FileEdit[] = [];
  let safe = true;
  for (const path of paths) {
    const uses = importUses(types, path);
    const kept = uses.filter((use) => !operands.has(use.id));
    if (kept.length > 0) continue;
    if (fixes.length === 1) edits = [...edits, ...deleteImport(types, path)];
    else safe = false;
  }
  return { edits, safe };
}

/** `context.Background()` or `context.TODO()` (of the standard package or x/net's), by what the call resolves to. */
function isRootContextCall(types: Resolver, call: SyntaxNode): boolean {
  const name = call.childForFieldName('function')?.childForFieldName('field')?.text;
  if (name !== 'Background' && name !== 'TODO') return false;
  const callee = types.calleeOf(call);
  return callee?.kind === 'func' && CONTEXT_PACKAGES.includes(callee.pkg);
}

/** The places where a fresh root context is the intent rather than an accident. */
function isDeliberate(context: FileContext, call: SyntaxNode, scope: ContextSource): boolean {
  const { file, types } = context;
  // `main`/`init` own the process lifetime; a closure there with a request parameter is a handler and is checked.
  if (isInMainOrInit(file, call) && scope.kind === 'context') return true;
  // `if ctx != context.Background()` compares against the root; it starts nothing.
  if (call.parent?.type === 'binary_expression') return true;
  // A function that returns a context is a context factory: a detached root is its stated purpose.
  const fn = enclosingFunction(call);
  if (fn && returnsContext(types, fn)) return true;
  const argumentOf = call.parent?.type === 'argument_list' ? call.parent.parent?.childForFieldName('function')?.text ?? '' : '';
  if (DETACHING_CALLEE.test(argumentOf)) return true;
  return defaultsNilContext(call, scope) || afterContextDone(call, scope) || storedInField(call) || keepsDeadline(types, call);
}

/**
 * `s.ctx, s.cancel = context.WithCancel(context.Background())`: a context kept in a struct field lives as long as
 * its owner, not as long as this call, so tying it to the caller's context would be the bug.
 */
function storedInField(call: SyntaxNode): boolean {
  let value: SyntaxNode = call;
  // Through one derivation: `context.WithCancel(context.Background())`.
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  if (outer?.type === 'call_expression' && /^\w+\.With\w+$/.test(outer.childForFieldName('function')?.text ?? '')) value = outer;
  const list = value.parent;
  const assignment = list?.type === 'expression_list' ? list.parent : null;
  if (assignment?.type !== 'assignment_statement' || assignment.childForFieldName('right')?.id !== list!.id) return false;
  return (assignment.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.type === 'selector_expression');
}

/**
 * Shutdown and cleanup code that runs once the context is already done (`case <-ctx.Done():`,
 * `if ctx.Err() != nil {`): the request context cannot serve there, so a fresh one is the point.
 */
function afterContextDone(call: SyntaxNode, scope: ContextSource): boolean {
  const param = /^\w+/.exec(scope.expression)![0];
  const contextErr = new RegExp(`(\\b${param}|\\bctx\\w*|Context\\(\\))\\.Err\\(\\)`, 'i');
  for (let current = call.parent; current && current.id !== scope.owner.id; current = current.parent) {
    if (current.type === 'communication_case' && current.childForFieldName('communication')?.text.includes('.Done()')) return true;
    if (current.type === 'if_statement' && contextErr.test(current.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

function returnsContext(types: Resolver, fn: SyntaxNode): boolean {
  const result = fn.childForFieldName('result');
  if (!result) return false;
  const written = result.type === 'parameter_list' ? result.namedChildren.map((d) => d?.childForFieldName('type')) : [result];
  return written.some((type) => isContextType(types, types.typeOfTypeNode(type)));
}

/** `if ctx == nil { ctx = context.Background() }`: a fallback for callers that pass nil, not a lost context. */
function defaultsNilContext(call: SyntaxNode, scope: ContextSource): boolean {
  if (scope.kind !== 'context') return false;
  const name = scope.expression;
  const list = call.parent;
  const assignment = list?.type === 'expression_list' ? list.parent : null;
  if (assignment?.type === 'assignment_statement' && assignment.childForFieldName('left')?.text === name) return true;
  for (let branch = ancestor(call, 'if_statement'); branch; branch = ancestor(branch, 'if_statement')) {
    const condition = branch.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
    if (condition.includes(`${name}==nil`) || condition.includes(`nil==${name}`)) return true;
  }
  return false;
}
