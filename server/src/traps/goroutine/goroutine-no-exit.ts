/** A goroutine whose `for {}` or ticker loop can never end: every start leaks one goroutine for good. */
import { fieldChildren } from '../../go/syntax';
import { ensureImport, insertAt, replaceNode } from '../../engine/edits';
import { ancestor, enclosingFunction, enclosingTopLevelFunction, findAll, functionName, goStatements } from '../../go/syntax';
import { contextExpressionAt, endlessKind, findInFunction, goCall, loopExits, startedFunction, startsLine } from './goroutine-ast';
import { returnOnDone, watchDoneEdits } from './goroutine-fix';
import { resultTypes } from '../../go/zero-values';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';

export const rule = defineFileRule({
  meta: {
    id: 'goroutine-no-exit',
    trap: 'goroutine',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A goroutine runs a `for {}` or `for range ticker.C` loop with no way out.',
      zh: 'goroutine 中的 `for {}` 或 `for range ticker.C` 循环没有任何退出路径。',
    },
    why: {
      en: 'A loop with no return, no break and no ctx.Done() or quit receive keeps its goroutine alive until the process dies. Started per request or per connection, such goroutines pile up by the ten thousand and only show in a pprof goroutine dump.',
      zh: '没有 return、没有 break、也不监听 ctx.Done() 或退出 channel 的循环会让 goroutine 一直活到进程结束。若每个请求或连接都启动一个，这类 goroutine 会累积到上万个，只有在 pprof 的 goroutine 快照里才看得到。',
    },
    messages: {
      noExit: {
        en: 'This goroutine\'s `{loop}` loop has no way out (no return, no break, no receive on ctx.Done() or a quit channel): each start leaks a goroutine for the life of the process.',
        zh: '该 goroutine 的 `{loop}` 循环没有退出路径(无 return、无 break、不接收 ctx.Done() 或退出 channel)：每启动一次就泄漏一个 goroutine，直到进程退出。',
      },
      breakInSelect: {
        en: 'This `break` only leaves the `select`, not the `{loop}` loop: after {channel} fires the goroutine keeps looping forever. Return instead, or break to a label on the loop.',
        zh: '这个 `break` 只跳出 `select`，跳不出 `{loop}` 循环：{channel} 触发后 goroutine 仍会永远循环。请改用 return，或 break 到循环上的标签。',
      },
      fixWatchDone: { en: 'Stop the loop when {ctx} is done', zh: '在 {ctx} 结束时退出循环' },
      fixReturn: { en: 'Return instead of break', zh: '用 return 代替 break' },
      fixLabel: { en: 'Break out of the loop with a label', zh: '用标签 break 跳出循环' },
      startedHere: { en: 'started as a goroutine here', zh: '在此处以 goroutine 启动' },
    },
  },
  check(context) {
    if (context.file.isTest) return;
    const seen = new Set<number>();
    for (const goStatement of goStatements(context.file)) {
      if (livesWithProcess(context, goStatement)) continue;
      const started = startedFunction(context.file, goStatement);
      if (!started) continue;
      for (const loop of findInFunction(started.fn, 'for_statement')) {
        const kind = endlessKind(context.file, loop);
        if (!kind || seen.has(loop.id)) continue;
        seen.add(loop.id);
        checkLoop(context, started.fn, loop, kind === 'ticker' ? loopHeader(loop) : 'for {}', goStatement, started.kind === 'named');
      }
    }
  },
});

function checkLoop(context: FileContext, fn: SyntaxNode, loop: SyntaxNode, loopText: string, goStatement: SyntaxNode, named: boolean): void {
  const exits = loopExits(loop);
  if (exits.leaves) return;
  const related = named ? [{ path: context.file.path, range: rangeOf(goStatement.child(0)!), message: rule.meta.messages.startedHere }] : [];
  const keyword = loop.child(0)!;
  if (exits.breakInSelect) {
    const fixes = leaveLoopFix(context, fn, loop, exits.breakInSelect);
    context.report({ node: exits.breakInSelect, messageId: 'breakInSelect', data: { loop: loopText, channel: caseChannel(exits.breakInSelect) ?? 'the quit channel' }, related, fixes });
    return;
  }
  if (exits.quitReceive) return;
  let ctx = contextExpressionAt(context.file, loop, context.types);
  let threading: FileEdit[] = [];
  if (!ctx && named) {
    threading = threadContext(context, fn, goStatement) ?? [];
    if (threading.length > 0) ctx = 'ctx';
  }
  const fixes = ctx ? watchDoneFix(context, fn, loop, ctx, threading) : [];
  context.report({ node: keyword, messageId: 'noExit', data: { loop: loopText, ctx: ctx ?? 'ctx' }, related, fixes });
}

/**
 * For a named function with no context of its own, started where a context is in scope: edits that add a
 * `ctx context.Context` first parameter and pass the caller's context. Only for an unexported function that
 * this `go` statement is the only caller of (in this file), and that uses no `ctx` name already.
 */
function threadContext(context: FileContext, fn: SyntaxNode, goStatement: SyntaxNode): FileEdit[] | null {
  const file = context.file;
  const callerContext = contextExpressionAt(file, goStatement, context.types);
  const name = functionName(fn);
  const params = fn.childForFieldName('parameters');
  const args = goCall(goStatement)?.childForFieldName('arguments');
  if (!callerContext || !/^[a-z_]/.test(name) || !params || !args) return null;
  if (findAll(fn, 'identifier').some((n) => n.text === 'ctx')) return null;
  const callers = findAll(file.root, 'call_expression').filter((call) => {
    const callee = call.childForFieldName('function');
    const called = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : callee?.text;
    return called === name;
  });
  // A reference that is not a call (a method value, a callback) would break with a new parameter.
  const references = findAll(file.root, ['identifier', 'field_identifier']).filter((n) => n.text === name && n.parent?.id !== fn.id);
  if (callers.length !== 1 || references.length !== 1) return null;
  const pkg = file.localNameOf('context') ?? 'context';
  const afterOpen = (node: SyntaxNode) => ({ line: node.startPosition.row, character: node.startPosition.column + 1 });
  const paramText = params.namedChildCount > 0 ? `ctx ${pkg}.Context, ` : `ctx ${pkg}.Context`;
  const argText = args.namedChildCount > 0 ? `${callerContext}, ` : callerContext;
  return [insertAt(file, afterOpen(params), paramText), insertAt(file, afterOpen(args), argText), ...ensureImport(file, 'context')];
}

/**
 * `return` when the loop is the function's last statement (nothing after it is skipped), else `break <label>`
 * with a label added on the loop, so the cleanup after the loop still runs.
 */
function leaveLoopFix(context: FileContext, fn: SyntaxNode, loop: SyntaxNode, breakStatement: SyntaxNode): FixDescriptor[] {
  const file = context.file;
  const body = fn.childForFieldName('body');
  const statements = body?.namedChildren.find((n) => n?.type === 'statement_list')?.namedChildren.filter((n) => n?.type !== 'comment') ?? [];
  const labeled = loop.parent?.type === 'labeled_statement' ? loop.parent : null;
  const last = statements[statements.length - 1];
  if (last && (last.id === loop.id || last.id === labeled?.id) && resultTypes(fn).length === 0) {
    return [{ title: rule.meta.messages.fixReturn, edits: [replaceNode(file, breakStatement, 'return')] }];
  }
  if (labeled) return [{ title: rule.meta.messages.fixLabel, edits: [replaceNode(file, breakStatement, `break ${labeled.childForFieldName('label')!.text}`)] }];
  if (!startsLine(file, loop)) return [];
  const used = new Set(findAll(fn, 'label_name').map((l) => l.text));
  const label = ['loop', 'watch', 'run'].find((name) => !used.has(name));
  const indent = file.indentOf(loop.startPosition.row);
  if (!label || !indent.startsWith('\t')) return [];
  return [
    {
      title: rule.meta.messages.fixLabel,
      edits: [insertAt(file, { line: loop.startPosition.row, character: 0 }, `${indent.slice(1)}${label}:\n`), replaceNode(file, breakStatement, `break ${label}`)],
    },
  ];
}

/** The receive a `break`'s select case waits on, e.g. `<-ctx.Done()`. */
function caseChannel(breakStatement: SyntaxNode): string | null {
  const communicationCase = ancestor(breakStatement, 'communication_case');
  return communicationCase?.childForFieldName('communication')?.text ?? null;
}

function watchDoneFix(context: FileContext, fn: SyntaxNode, loop: SyntaxNode, ctx: string, threading: FileEdit[]): FixDescriptor[] {
  const edits = watchDoneEdits(context.file, loop, ctx, returnOnDone(fn, ctx));
  if (!edits) return [];
  // Unsafe: the goroutine now stops with that context, which a person must confirm is the owner's lifetime.
  return [{ title: rule.meta.messages.fixWatchDone, edits: [...threading, ...edits], safe: false }];
}

/** `for range ticker.C` as the message shows it. */
function loopHeader(loop: SyntaxNode): string {
  const body = loop.childForFieldName('body');
  const header = body ? loop.text.slice(0, body.startIndex - loop.startIndex).trim() : 'for range';
  return header.length > 60 ? 'for range' : header;
}

/**
 * Goroutines started from `main`, an `init`, a `sync.Once`, or a function that flips package-level state
 * (`if started { return }; started = true`, `atomic.Cas(&created, 0, 1)`, a worker counter) are started once
 * and meant to live as long as the process, so a loop that never ends there is the design, not a leak.
 */
function livesWithProcess(context: FileContext, goStatement: SyntaxNode): boolean {
  const top = enclosingTopLevelFunction(goStatement);
  if (top && setsPackageState(context, top)) return true;
  for (let fn = enclosingFunction(goStatement); fn; fn = enclosingFunction(fn)) {
    if (fn.type === 'function_declaration') {
      const name = functionName(fn);
      if (name === 'init' || (name === 'main' && context.file.packageName === 'main')) return true;
    }
    if (fn.type === 'func_literal') {
      const call = fn.parent?.parent;
      const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      if (callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Do') return true;
    }
  }
  return false;
}

/** True when `fn` assigns, increments or takes the address of a package-level variable or one of its fields. */
function setsPackageState(context: FileContext, fn: SyntaxNode): boolean {
  const globals = new Set<string>();
  for (const declaration of context.file.root.namedChildren) {
    if (declaration?.type !== 'var_declaration') continue;
    for (const spec of declaration.descendantsOfType('var_spec')) for (const name of fieldChildren(spec, 'name') ?? []) if (name) globals.add(name.text);
  }
  if (globals.size === 0) return false;
  // A flag or a field of a package-level value (`started = true`, `srv.running = true`) guards a singleton; an
  // element written into a package-level map or slice does not: handlers register each client that way.
  const isGlobal = (expression: SyntaxNode | null | undefined) => {
    let root = expression;
    while (root?.type === 'selector_expression') root = root.childForFieldName('operand');
    return !!root && root.type === 'identifier' && globals.has(root.text);
  };
  return findAll(fn, ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression']).some((node) => {
    if (node.type === 'assignment_statement') return (node.childForFieldName('left')?.namedChildren ?? []).some(isGlobal);
    if (node.type === 'unary_expression') return node.child(0)?.type === '&' && isGlobal(node.childForFieldName('operand'));
    return isGlobal(node.namedChildren[0]);
  });
}
