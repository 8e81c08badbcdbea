/**
 * A goroutine handed a context that its starter cancels on return: the background work is cut off mid-way. A
 * goroutine that watches ctx.Done() is built to stop on cancel; when it runs a named function declared in another
 * file, each file records which of its functions watch, and the workspace check drops findings on those.
 */
import { ensureImport, insertAt, replaceNode } from '../../engine/edits';
import { goDuration, Settings } from '../../engine/config';
import { defineWorkspaceRule, FixDescriptor, RelatedDescriptor } from '../../engine/rule';
import type { FileEdit, Range } from '../../engine/types';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { rangeOf, SourceFile } from '../../go/source';
import { callArguments, findAll } from '../../go/syntax';
import { DoomedContexts, DoomedUse, mayHoldDoomedContext } from './goroutine-context';
import { goSupports } from '../../engine/go-version';
import { calleeKey, declarationKey, goCall, GO_STATEMENT, packageName } from './goroutine-ast';
import { identifierIndexOf, scanOf } from './goroutine-scan';

/** A `go` statement, or a function that watches a context: text without either has nothing to record. */
const WATCH = /\bDone\(\)|\.Err\(\)/;

interface CancelledFinding {
  range: Range;
  messageId: string;
  data: Record<string, string>;
  related: RelatedDescriptor[];
  fixes: FixDescriptor[];
  /** The named function the goroutine runs: silent when it watches its context's end. */
  started?: string;
}

interface CancelledFacts {
  findings: CancelledFinding[];
  /** Keys of the functions and methods declared here that watch ctx.Done() or ctx.Err(). */
  watchers: string[];
}

export const rule = defineWorkspaceRule<CancelledFacts>({
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
  collect(file, settings, location, types) {
    if (file.isTest || !mayHoldDoomedContext(file) || !(GO_STATEMENT.test(file.text) || WATCH.test(file.text))) return undefined;
    const facts = collectCancelled(file, settings, location.goVersion, types);
    return facts.findings.length > 0 || facts.watchers.length > 0 ? facts : undefined;
  },
  check(context) {
    const watchers = new Set(context.files.flatMap((f) => f.facts.watchers));
    for (const { location, facts } of context.files) {
      for (const finding of facts.findings) {
        if (finding.started && watchers.has(finding.started)) continue;
        context.report(location.path, { range: finding.range, messageId: finding.messageId, data: finding.data, related: finding.related, fixes: finding.fixes });
      }
    }
  },
});

function collectCancelled(file: SourceFile, settings: Settings, goVersion: string, types: Resolver): CancelledFacts {
  const facts: CancelledFacts = { findings: [], watchers: [] };
  const scan = scanOf(file);
  const doomed = new DoomedContexts(scan, types, () => identifierIndexOf(file));
  for (const top of [...scan.ofType('function_declaration'), ...scan.ofType('method_declaration')]) {
    if (scan.top[top] !== top || !doomed.watchesCancellation(scan.nodes[top])) continue;
    const key = declarationKey(types, scan.nodes[top]);
    if (key) facts.watchers.push(key);
  }
  for (const go of scan.ofType('go_statement')) {
    const fn = scan.fn[go];
    if (fn < 0 || inMainOrInit(file, scan.nodes[scan.top[go]])) continue;
    const byName = doomed.of(fn);
    if (byName.size === 0) continue;
    const call = goCall(scan.nodes[go]);
    if (!call) continue;
    const inArguments = callArguments(call)
      .map((arg) => ({ arg, use: doomed.usesIn(arg, byName)[0] }))
      .filter((a): a is { arg: SyntaxNode; use: DoomedUse } => !!a.use);
    const callee = call.childForFieldName('function');
    const literal = callee?.type === 'func_literal' ? callee : null;
    const captured = literal ? doomed.captured(literal, byName) : [];
    const use = inArguments[0]?.use ?? captured[0];
    if (!use) continue;
    // A goroutine that watches ctx.Done() or ctx.Err() is built to stop on cancel; one joined before return finishes first.
    if (literal && doomed.watchesCancellation(literal)) continue;
    if (doomed.joinedAfter(fn, go)) continue;
    const entry = byName.get(use.key)!;
    // A cancel called before the goroutine starts is a different bug (a dead context), not a cut-off one.
    const cancels = entry.cancels.filter((c) => c.type === 'defer_statement' || c.startIndex > scan.ends[go]);
    if (entry.kind === 'cancel' && cancels.length === 0) continue;
    const ctx = use.node.text;
    const func = scan.nodes[fn].childForFieldName('name')?.text || 'the enclosing function';
    const related: RelatedDescriptor[] = cancels.slice(0, 1).map((c) => ({ path: file.path, range: rangeOf(c), message: rule.meta.messages.cancelHere }));
    const detachable = entry.kind !== 'gin' && goSupports({ goVersion }, '1.21') && !importsOldContext(file);
    const fixes = detachable ? detachFix(file, settings, call, inArguments.map((a) => a.arg), literal, captured) : [];
    facts.findings.push({
      range: rangeOf(scan.nodes[go].child(0)!),
      messageId: entry.kind === 'cancel' ? 'cancelled' : entry.kind,
      data: { ctx, func, timeout: settings.timeouts.http },
      related,
      fixes,
      ...(literal ? {} : { started: calleeKey(types, call) ?? undefined }),
    });
  }
  return facts;
}

function inMainOrInit(file: SourceFile, top: SyntaxNode | undefined): boolean {
  if (!top || top.type !== 'function_declaration') return false;
  const name = top.childForFieldName('name')?.text;
  return file.packageName === 'main' && (name === 'main' || name === 'init');
}

/** A file that names golang.org/x/net/context `context` cannot also import the standard one under that name. */
function importsOldContext(file: SourceFile): boolean {
  return file.localNameOf('golang.org/x/net/context') !== undefined && file.localNameOf('context') === undefined;
}

/**
 * Arguments are wrapped in place; a closure that captures one context variable gets it as a parameter, passed
 * detached; `r.Context()` calls inside a closure are wrapped where they stand.
 */
function detachFix(file: SourceFile, settings: Settings, call: SyntaxNode, args: SyntaxNode[], literal: SyntaxNode | null, captured: DoomedUse[]): FixDescriptor[] {
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
      const bounded = ownTimeoutEdits(file, settings, literal, name);
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
function ownTimeoutEdits(file: SourceFile, settings: Settings, literal: SyntaxNode, name: string): FileEdit | null {
  const body = literal.childForFieldName('body');
  const open = body?.child(0);
  if (!body || !open || body.startPosition.row === body.endPosition.row) return null;
  const rest = file.lineText(open.endPosition.row).slice(open.endPosition.column).trim();
  if (rest !== '' && !rest.startsWith('//')) return null;
  if (findAll(body, 'identifier').some((n) => n.text === 'cancel')) return null;
  const pkg = packageName(file, 'context', 'context');
  // gofmt writes a product without spaces as one of several call arguments.
  const timeout = goDuration(settings.timeouts.http, packageName(file, 'time', 'time')).replace(' * ', '*');
  const indent = file.indentOf(literal.startPosition.row) + '\t';
  const lines = [`${name}, cancel := ${pkg}.WithTimeout(${name}, ${timeout})`, 'defer cancel()'].map((l) => `\n${indent}${l}`).join('');
  return insertAt(file, { line: open.endPosition.row, character: file.lineText(open.endPosition.row).length }, lines);
}

/** `go func() {...}()` → `go func(ctx context.Context) {...}(context.WithoutCancel(ctx))`. */
function addParameter(file: SourceFile, literal: SyntaxNode, call: SyntaxNode, name: string, type: string, argument: string): FileEdit[] | null {
  const params = literal.childForFieldName('parameters');
  const args = call.childForFieldName('arguments');
  if (!params || !args || params.startPosition.row !== params.endPosition.row || args.startPosition.row !== args.endPosition.row) return null;
  if (params.namedChildren.some((p) => p?.type === 'variadic_parameter_declaration')) return null;
  const paramText = params.namedChildCount > 0 ? `, ${name} ${type}` : `${name} ${type}`;
  const argText = args.namedChildCount > 0 ? `, ${argument}` : argument;
  const before = (node: SyntaxNode) => ({ line: node.endPosition.row, character: node.endPosition.column - 1 });
  return [insertAt(file, before(params), paramText), insertAt(file, before(args), argText)];
}
