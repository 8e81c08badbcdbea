/**
 * A goroutine whose `for {}` or ticker loop can never end. Closures are judged where they stand; a named function
 * or method started with `go` may be declared in another file (or package), so each file records the `go`
 * statements it holds (by the callee the resolver finds) and the endless loops of the functions it declares, and
 * the workspace check joins them: the finding sits on the loop, where the fix applies, with the starts as related
 * locations. Per-request and per-connection starts are warnings; a loop started once at start-up is information.
 */
import { insertAt, replaceNode, ensureImport } from '../../engine/edits';
import { defineWorkspaceRule, FixDescriptor } from '../../engine/rule';
import type { Settings } from '../../engine/config';
import type { FileEdit, Range, Severity } from '../../engine/types';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { rangeOf, SourceFile } from '../../go/source';
import { findAll } from '../../go/syntax';
import { callsNamed } from '../../go/calls-by-name';
import { isNamed, named } from '../../go/types';
import { resultTypes } from '../../go/zero-values';
import { ContextsInReach } from './context-in-reach';
import { calleeKey, declarationKey, EndlessKind, endlessKind, goCall, GO_STATEMENT, packageName, startsLine } from './goroutine-ast';
import { returnOnDone, watchDoneEdits } from './goroutine-fix';
import { StartRole, StartRoles } from './goroutine-role';
import { anyWithin, GoroutineScan, scanOf } from './goroutine-scan';
import { ENDLESS_LOOP, mayHoldEndlessLoopText } from '../../go/endless-loop-text';
import { EVERY_PACKAGE } from '../../go/type-index';
import { loopExitsOf } from './loop-exits';
import { identifierCounts, isUnexported, unexportedLoopingNames } from './package-mentions';

/** A loop to report: complete for a closure, waiting for a `go` statement for a named function. */
interface LoopReport {
  range: Range;
  messageId: 'noExit' | 'breakInSelect';
  data: Record<string, string>;
  fixes: FixDescriptor[];
  /** A named function with no context in reach: its name, and the edits that give it a ctx parameter. */
  thread?: { name: string; edits: FileEdit[] };
}

interface StartFact {
  key: string;
  range: Range;
  role: StartRole;
  /** The named function or method holding the `go` statement: a `sync.Once` may start it elsewhere. */
  owner?: string;
  /** Passes the caller's context as a new first argument. */
  argument?: FileEdit[];
}

interface NoExitFacts {
  pkg: string;
  closures: (LoopReport & { role: StartRole; owner?: string })[];
  loops: (LoopReport & { key: string })[];
  starts: StartFact[];
  /** How often each unexported function or method name of the package occurs in the file. */
  mentions: Record<string, number>;
  /** Functions and methods handed to a `sync.Once`'s Do as a value (`once.Do(s.startWriter)`): run once at most. */
  onceStarted: string[];
}

const MAX_RELATED = 5;
/** `go f(...)`, `go x.f(...)`, `go f[T](...)`: the name of what it starts. */
const NAMED_START = /\bgo\s+(?:[\p{L}\p{N}_]+\s*\.\s*)*([\p{L}_][\p{L}\p{N}_]*)\s*[(\[]/gu;
/** `go (f)(...)` and the like: a start whose name the text does not give. */
const UNNAMED_START = /\bgo\s*\(/;

export const rule = defineWorkspaceRule<NoExitFacts>({
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
      en: 'A loop with no return, no break and no ctx.Done() or quit receive keeps its goroutine alive until the process dies. Started per request or per connection, such goroutines pile up by the ten thousand and only show in a pprof goroutine dump; started once at start-up, one of them only keeps the service from shutting down cleanly.',
      zh: '没有 return、没有 break、也不监听 ctx.Done() 或退出 channel 的循环会让 goroutine 一直活到进程结束。若每个请求或连接都启动一个，这类 goroutine 会累积到上万个，只有在 pprof 的 goroutine 快照里才看得到；若只在启动时启动一次，它只是让服务无法优雅关闭。',
    },
    messages: {
      noExit: {
        en: 'This goroutine\'s `{loop}` loop has no way out (no return, no break, no receive on ctx.Done() or a quit channel), and it is started per request, connection or message: every start leaks one more goroutine for the life of the process.',
        zh: '该 goroutine 的 `{loop}` 循环没有退出路径(无 return、无 break、不接收 ctx.Done() 或退出 channel)，而且每个请求、连接或消息都会启动一次：每启动一次就多泄漏一个 goroutine，直到进程退出。',
      },
      noExitStartup: {
        en: 'This goroutine\'s `{loop}` loop has no way out, so it runs until the process exits. It is started outside any request or connection (once, at start-up, as far as the code shows), so it does not pile up, but nothing stops it on shutdown: for a clean shutdown, give it a context cancelled on shutdown and return when {ctx}.Done() fires (or return on a quit channel that Stop or Close closes).',
        zh: '该 goroutine 的 `{loop}` 循环没有退出路径，会一直运行到进程退出。它不在任何请求或连接中启动(从代码看只在启动时运行一次)，不会越积越多，但关闭服务时没有办法停止它：为了优雅关闭，请传入一个在关闭时取消的 context，并在 {ctx}.Done() 触发时 return(或在 Stop/Close 关闭的退出 channel 上 return)。',
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
  collect(file, _settings, _location, types) {
    const mentions = identifierCounts(file.text, unexportedLoopingNames(types));
    const facts: NoExitFacts = { pkg: types.ownPackage, closures: [], loops: [], starts: [], mentions, onceStarted: [] };
    if (!file.isTest && (mayStartLoopingFunction(file.text, types) || mayHoldEndlessLoop(file, types))) collectGoroutines(file, types, facts);
    if (!file.isTest && ONCE_DO.test(file.text)) facts.onceStarted = onceStartedFunctions(file, types);
    const empty =
      facts.closures.length === 0 && facts.loops.length === 0 && facts.starts.length === 0 && facts.onceStarted.length === 0 && Object.keys(mentions).length === 0;
    return empty ? undefined : facts;
  },
  check(context) {
    const starts = new Map<string, { path: string; start: StartFact }[]>();
    const filesByPackage = new Map<string, NoExitFacts[]>();
    const once = new Set(context.files.flatMap(({ facts }) => facts.onceStarted));
    // Started from a function a sync.Once runs: once for the life of the process, like a `once.Do(func() {...})`.
    const singleton = (owner: string | undefined) => owner !== undefined && once.has(owner);
    for (const { location, facts } of context.files) {
      for (const start of facts.starts) {
        const list = starts.get(start.key);
        if (list) list.push({ path: location.path, start });
        else starts.set(start.key, [{ path: location.path, start }]);
      }
      const files = filesByPackage.get(facts.pkg);
      if (files) files.push(facts);
      else filesByPackage.set(facts.pkg, [facts]);
      for (const closure of facts.closures) if (!singleton(closure.owner)) report(context, location.path, closure, closure.role, []);
    }
    // How often a package's files name a function: asked for a few loops only, so summed when asked (the
    // language server runs this check on the main thread whenever some file's facts change).
    const mentionsOf = (pkg: string, name: string) => (filesByPackage.get(pkg) ?? []).reduce((sum, facts) => sum + (facts.mentions[name] ?? 0), 0);
    for (const { location, facts } of context.files) {
      for (const loop of facts.loops) {
        const all = starts.get(loop.key) ?? [];
        const live = all.filter((s) => s.start.role !== 'process' && !singleton(s.start.owner));
        if (live.length === 0) continue;
        const role = live.some((s) => s.start.role === 'request') ? 'request' : 'startup';
        const related = live.slice(0, MAX_RELATED).map((s) => ({ path: s.path, range: s.start.range, message: rule.meta.messages.startedHere }));
        const only = all.length === 1 ? all[0].start : null;
        const pkg = /^"([^"]*)"/.exec(loop.key)?.[1];
        if (loop.thread && only?.argument && pkg !== undefined && mentionsOf(pkg, loop.thread.name) === 2) {
          // The declaration and this one `go` statement are the function's only mentions: a new parameter breaks no caller.
          const fix = { title: rule.meta.messages.fixWatchDone, edits: [...loop.thread.edits, ...only.argument], safe: false };
          report(context, location.path, { ...loop, data: { ...loop.data, ctx: 'ctx' }, fixes: [fix] }, role, related);
        } else report(context, location.path, loop, role, related);
      }
    }
  },
});

type Context = Parameters<typeof rule.check>[0];

function report(context: Context, path: string, loop: LoopReport, role: StartRole, related: { path: string; range: Range; message: typeof rule.meta.messages.startedHere }[]): void {
  const startup = loop.messageId === 'noExit' && role !== 'request';
  context.report(path, {
    range: loop.range,
    messageId: startup ? 'noExitStartup' : loop.messageId,
    data: loop.data,
    related,
    fixes: loop.fixes,
    ...(startup ? { severity: startupSeverity(context.settings) } : {}),
  });
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** Information, or the rule's configured level when that is lower still ("hint"). */
function startupSeverity(settings: Settings): Severity {
  const level = settings.rules[rule.meta.id];
  return level && level !== 'off' && RANK[level] < RANK.info ? level : 'info';
}

/**
 * Whether some `go` statement of the file may start a function or method that may loop forever, anywhere in the
 * workspace (by name: the type index keeps every body's answer, FileDecls.loops). A start of any other function
 * joins no loop; a `go func() {...}()` matters only when the file itself may hold such a loop (mayHoldEndlessLoop).
 */
function mayStartLoopingFunction(text: string, types: Resolver): boolean {
  if (!GO_STATEMENT.test(text)) return false;
  if (UNNAMED_START.test(text)) return true;
  const looping = types.index.loopingFunctionNames(EVERY_PACKAGE);
  if (looping.size === 0) return false;
  for (const match of text.matchAll(NAMED_START)) if (looping.has(match[1])) return true;
  return false;
}

/**
 * Whether the file needs the full analysis for its loops (in named functions or in the literals it starts): only
 * when an endless loop may have no way out. A loop that holds a `return` or `goto` and no closure certainly leaves; the
 * text answers that for most files, and one search of the tree (shared with the other rules) for the rest.
 */
function mayHoldEndlessLoop(file: SourceFile, types: Resolver): boolean {
  if (!ENDLESS_LOOP.test(file.text) || !mayHoldEndlessLoopText(file.text)) return false;
  const nodes = findAll(file.root, ['for_statement', 'return_statement', 'goto_statement', 'func_literal']);
  const leaving: number[] = [];
  const closures: number[] = [];
  for (const node of nodes) {
    if (node.type === 'func_literal') closures.push(node.startIndex);
    else if (node.type !== 'for_statement') leaving.push(node.startIndex);
  }
  return nodes.some((loop) => {
    if (loop.type !== 'for_statement' || !endlessKind(types, loop)) return false;
    const end = loop.endIndex;
    return anyWithin(closures, loop.startIndex, end) || !anyWithin(leaving, loop.startIndex, end);
  });
}

/** Records the file's `go` statements, the loops its closures and named functions cannot leave, and their fixes. */
function collectGoroutines(file: SourceFile, types: Resolver, facts: NoExitFacts): void {
  const scan = scanOf(file);
  const roles = new StartRoles(scan, types, file.packageName);
  const contexts = new ContextsInReach(scan, types);
  const startedLiterals = new Map<number, number>();
  for (const go of scan.ofType('go_statement')) {
    const call = goCall(scan.nodes[go]);
    const callee = call?.childForFieldName('function');
    if (!call || !callee) continue;
    if (callee.type === 'func_literal') {
      startedLiterals.set(scan.indexOf(callee), go);
      continue;
    }
    const key = calleeKey(types, call);
    if (!key) continue;
    const resolved = types.calleeOf(call);
    const start: StartFact = { key, range: rangeOf(scan.nodes[go].child(0)!), role: roles.roleOf(go, resolved?.kind === 'method' ? resolved.receiver : null) };
    const owner = ownerKey(scan, types, go);
    if (owner) start.owner = owner;
    const callerContext = start.role !== 'process' && isUnexported(resolved?.name ?? '') ? contexts.at(go) : null;
    const args = call.childForFieldName('arguments');
    if (callerContext && args) {
      const at = { line: args.startPosition.row, character: args.startPosition.column + 1 };
      start.argument = [insertAt(file, at, args.namedChildCount > 0 ? `${callerContext}, ` : callerContext)];
    }
    facts.starts.push(start);
  }
  const exits = loopExitsOf(scan);
  for (const loop of scan.ofType('for_statement')) {
    const fn = scan.fn[loop];
    if (fn < 0) continue;
    const literalStart = startedLiterals.get(fn);
    const named = scan.types[fn] !== 'func_literal';
    if (literalStart === undefined && !named) continue;
    const node = scan.nodes[loop];
    const kind = endlessKind(types, node);
    const exit = kind && exits.get(loop);
    if (!kind || !exit || exit.leaves || (!exit.breakInSelect && exit.quitReceive)) continue;
    const fnNode = scan.nodes[fn];
    const loopText = kind === 'ticker' ? loopHeader(node) : 'for {}';
    let loopReport: LoopReport;
    if (exit.breakInSelect) {
      const channel = caseChannel(scan, exit.breakInSelect) ?? 'the quit channel';
      loopReport = { range: rangeOf(exit.breakInSelect), messageId: 'breakInSelect', data: { loop: loopText, channel }, fixes: leaveLoopFix(file, fnNode, node, exit.breakInSelect) };
    } else {
      const ctx = contexts.at(loop);
      const fixes = ctx ? watchDoneFix(file, fnNode, node, kind, ctx, []) : [];
      loopReport = { range: rangeOf(node.child(0)!), messageId: 'noExit', data: { loop: loopText, ctx: ctx ?? 'ctx' }, fixes };
      if (!ctx && named) loopReport.thread = threadEdits(file, fnNode, node, kind);
    }
    if (literalStart !== undefined) {
      const role = roles.roleOf(literalStart);
      const owner = role === 'startup' ? ownerKey(scan, types, literalStart) : null;
      if (role !== 'process') facts.closures.push({ ...loopReport, role, ...(owner ? { owner } : {}) });
    } else {
      const key = declarationKey(types, fnNode);
      if (key) facts.loops.push({ ...loopReport, key });
    }
  }
}

/**
 * A call that may hand a named function or method to a `sync.Once` (`once.Do(s.start)`): a func literal
 * (`once.Do(func() {...})`, most of them) names nothing to record.
 */
const ONCE_DO = /\.\s*Do\s*\(\s*(?!func\b)/;

/** The keys of the functions and methods this file hands to a `sync.Once`'s Do as values (`once.Do(s.start)`). */
function onceStartedFunctions(file: SourceFile, types: Resolver): string[] {
  const keys: string[] = [];
  // A method is called through a selector: only the calls written `x.Do(...)` are asked about, not every call.
  for (const call of callsNamed(file, ['Do'])) {
    const callee = types.calleeOf(call);
    if (callee?.kind !== 'method' || callee.name !== 'Do' || !isNamed(callee.receiver, 'sync', 'Once')) continue;
    const argument = call.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
    const handed = types.resolve(argument);
    if (handed?.kind === 'method') keys.push(`${handed.receiver}.${handed.name}`);
    else if (handed?.kind === 'func' && handed.pkg) keys.push(named(handed.pkg, handed.name));
  }
  return keys;
}

/** The key of the named function or method that holds scan node `i` (through closures), or null. */
function ownerKey(scan: GoroutineScan, types: Resolver, i: number): string | null {
  const top = scan.top[i];
  return top >= 0 && scan.types[top] !== 'func_literal' ? declarationKey(types, scan.nodes[top]) : null;
}

/**
 * For an unexported named function that uses no `ctx` name yet: the edits that add a `ctx context.Context` first
 * parameter and make the loop watch it. The workspace check adds the argument at the `go` statement when that
 * statement is the function's only mention in its package.
 */
function threadEdits(file: SourceFile, fn: SyntaxNode, loop: SyntaxNode, kind: EndlessKind): { name: string; edits: FileEdit[] } | undefined {
  const name = fn.childForFieldName('name')?.text ?? '';
  const params = fn.childForFieldName('parameters');
  if (!isUnexported(name) || !params || /\bctx\b/.test(fn.text)) return undefined;
  const watch = watchDoneFix(file, fn, loop, kind, 'ctx', []);
  if (watch.length === 0) return undefined;
  const pkg = packageName(file, 'context', 'context');
  const at = { line: params.startPosition.row, character: params.startPosition.column + 1 };
  const param = insertAt(file, at, params.namedChildCount > 0 ? `ctx ${pkg}.Context, ` : `ctx ${pkg}.Context`);
  return { name, edits: [param, ...watch[0].edits, ...ensureImport(file, 'context')] };
}

/**
 * `return` when the loop is the function's last statement (nothing after it is skipped), else `break <label>`
 * with a label added on the loop, so the cleanup after the loop still runs.
 */
function leaveLoopFix(file: SourceFile, fn: SyntaxNode, loop: SyntaxNode, breakStatement: SyntaxNode): FixDescriptor[] {
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
function caseChannel(scan: GoroutineScan, breakStatement: SyntaxNode): string | null {
  const clause = scan.commCase[scan.indexOf(breakStatement)];
  return clause >= 0 ? scan.nodes[clause].childForFieldName('communication')?.text ?? null : null;
}

function watchDoneFix(file: SourceFile, fn: SyntaxNode, loop: SyntaxNode, kind: EndlessKind, ctx: string, threading: FileEdit[]): FixDescriptor[] {
  const edits = watchDoneEdits(file, loop, kind, ctx, returnOnDone(fn, ctx));
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
