/** A config reload that applies new values with no validation and no recover: one bad push takes the service down. */
import {
  calleeName,
  callsRecover,
  callsValidation,
  declaredFunctions,
  handlerCode,
  identifierWords,
  isInside,
  ReloadHandler,
  reloadHandlers,
  VIPER_PATH,
} from '../engine/config-reload';
import { slogFor } from '../engine/config-values';
import { insertLinesBefore } from '../engine/edits';
import { enclosingTopLevelFunction, findAll, FUNCTION_TYPES, parametersOf } from '../engine/go-ast';
import type { SyntaxNode } from '../engine/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../engine/rule';
import type { SourceFile } from '../engine/source';
import type { FileEdit } from '../engine/types';

/** Method names that publish a value atomically. */
const STORE_METHODS = new Set(['Store', 'Swap', 'StorePointer', 'SwapPointer', 'CompareAndSwap']);
/** Method names that decode into their argument. */
const DECODE_METHODS = new Set(['Unmarshal', 'UnmarshalKey', 'UnmarshalExact', 'Decode']);
/** First words of function names that put a configuration into effect. */
const APPLY_WORDS = new Set(['apply', 'set', 'update', 'swap', 'replace', 'reload', 'refresh', 'reconfigure']);

const KIND_NAMES: Record<ReloadHandler['kind'], string> = { viper: 'viper OnConfigChange', fsnotify: 'fsnotify event loop', etcd: 'etcd Watch loop' };

const messages = {
  unvalidated: {
    en: 'This {kind} applies the new config without validating it and without recover: one bad value pushed at runtime goes live or crashes the service.',
    zh: '这个 {kind} 直接应用新配置，既没有校验也没有 recover：运行时推送的一个非法值要么直接生效，要么让服务崩溃。',
  },
  watchNoHook: {
    en: 'viper.WatchConfig swaps changed values in with no OnConfigChange hook to validate them.',
    zh: 'viper.WatchConfig 会直接换入变更后的值，却没有 OnConfigChange 回调来校验它们。',
  },
  fixGuard: {
    en: 'Validate before the swap and recover from a panic, keeping the previous config',
    zh: '在替换前校验，并用 recover 兜住 panic，保留上一份配置',
  },
};

export const rule = defineFileRule({
  meta: {
    id: 'config-reload-unvalidated',
    trap: 'config',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A config reload path (viper OnConfigChange, fsnotify loop, etcd Watch loop) applies new values without validation or recover.',
      zh: '配置热更新路径(viper OnConfigChange、fsnotify 循环、etcd Watch 循环)在没有校验、也没有 recover 的情况下应用新值。',
    },
    why: {
      en: 'Hot reload skips the deploy pipeline: a typo pushed to etcd or a half-written file reaches every instance at once. Without a validation step the bad value goes live; without recover a panic while applying it restarts the service.',
      zh: '热更新绕过了发布流程：推到 etcd 的一个笔误或写了一半的文件会同时到达所有实例。没有校验，非法值直接生效；没有 recover，应用时的 panic 会让服务重启。',
    },
    messages,
  },
  check(context) {
    const { file } = context;
    if (file.isTest) return;
    const handlers = reloadHandlers(file);
    const functions = declaredFunctions(file);
    for (const handler of handlers) {
      // A loop nested in another handler (etcd events inside a watch response) is part of that handler.
      if (handlers.some((other) => other !== handler && isInside(handler.anchor, [other.body]))) continue;
      const code = handlerCode(file, handler.body, functions);
      if (!applies(file, code, handler) || callsValidation(code) || callsRecover(code)) continue;
      // A panic in a loop unwinds the function that runs it; a recover there at least keeps the process.
      const owner = enclosingTopLevelFunction(handler.anchor);
      if (handler.scope === 'loop' && owner && callsRecover([owner])) continue;
      context.report({ node: handler.anchor, messageId: 'unvalidated', data: { kind: KIND_NAMES[handler.kind] }, fixes: guardFix(context, handler, functions) });
    }
    if (file.imports.some((s) => s.path === VIPER_PATH) && !handlers.some((h) => h.kind === 'viper')) {
      for (const call of findAll(file.root, 'call_expression')) {
        if (calleeName(call) === 'WatchConfig' && call.childForFieldName('function')?.type === 'selector_expression' && readsLater(call)) {
          context.report({ node: call, messageId: 'watchNoHook' });
        }
      }
    }
  },
});

/**
 * True when some other function of the file reads viper values (`viper.GetInt(...)`): those reads see whatever
 * the watcher swapped in. Values copied once next to WatchConfig never change, so the watch is merely idle.
 */
function readsLater(watch: SyntaxNode): boolean {
  const owner = enclosingTopLevelFunction(watch);
  const receiver = watch.childForFieldName('function')?.childForFieldName('operand')?.text;
  return findAll(watch.tree.rootNode, 'call_expression').some((call) => {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('operand')?.text !== receiver) return false;
    return /^Get[A-Z]?\w*$/.test(calleeName(call)) && !(owner && isInside(call, [owner]));
  });
}

/** True when the code puts something into effect: writes shared state, publishes atomically, decodes into it, or calls an apply-like function. */
function applies(file: SourceFile, code: readonly SyntaxNode[], handler: ReloadHandler): boolean {
  return code.some((body, index) => appliesIn(file, body, ownedBy(index === 0 ? handlerScope(handler) : body)));
}

function appliesIn(file: SourceFile, node: SyntaxNode, owned: Owned): boolean {
  for (const assignment of findAll(node, 'assignment_statement')) {
    // `x += n` counts events; only a plain `=` replaces a value.
    if (assignment.childForFieldName('operator')?.text !== '=') continue;
    const targets = assignment.childForFieldName('left')?.namedChildren ?? [];
    if (targets.some((t) => t && isSharedTarget(t, owned))) return true;
  }
  for (const call of findAll(node, 'call_expression')) {
    const name = calleeName(call);
    if (STORE_METHODS.has(name)) return true;
    if (DECODE_METHODS.has(name) && decodesIntoShared(call, owned)) return true;
    const fn = call.childForFieldName('function');
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
    if (operand?.type === 'identifier' && file.importPathOf(operand.text)) continue;
    if (APPLY_WORDS.has(identifierWords(name)[0] ?? '')) return true;
  }
  return false;
}

/** `viper.Unmarshal(&cfg)`, `v.Unmarshal(Conf)`, `json.Unmarshal(data, out)`: decoding into something the handler does not own. */
function decodesIntoShared(call: SyntaxNode, owned: Owned): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => {
    if (!arg) return false;
    if (arg.type === 'unary_expression' && arg.child(0)?.text === '&') return isSharedTarget(arg.childForFieldName('operand'), owned);
    // A plain identifier is a decode target only in the last position (`Unmarshal(out)`, `Unmarshal(data, out)`).
    return arg.type === 'identifier' && isLastArgument(arg) && isSharedTarget(arg, owned);
  });
}

function isLastArgument(arg: SyntaxNode): boolean {
  const list = arg.parent;
  const args = (list?.namedChildren ?? []).filter((n) => n?.type !== 'comment');
  return args[args.length - 1]?.id === arg.id;
}

/** A target outside the handler's own locals: a field, an element, a dereference, or a variable declared elsewhere. */
function isSharedTarget(target: SyntaxNode | null, owned: Owned): boolean {
  if (!target) return false;
  // A parameter's fields are the caller's (`cfg.Port = n` through a `*Config`); a parameter itself is a local.
  if (target.type === 'selector_expression' || target.type === 'index_expression') return !owned.locals.has(rootName(target));
  if (target.type === 'parenthesized_expression') return isSharedTarget(target.namedChild(0), owned);
  if (target.type === 'unary_expression' && target.child(0)?.text === '*') return true;
  return target.type === 'identifier' && target.text !== '_' && !owned.locals.has(target.text) && !owned.params.has(target.text);
}

/** `cfg` in `cfg.Server.Port` or `cfg[k]`. */
function rootName(expr: SyntaxNode): string {
  let current: SyntaxNode | null = expr;
  while (current && (current.type === 'selector_expression' || current.type === 'index_expression')) {
    current = current.childForFieldName('operand');
  }
  return current?.type === 'identifier' ? current.text : '';
}

/** The names a body declares itself, and the parameters of the function it is the body of. */
interface Owned {
  locals: Set<string>;
  params: Set<string>;
}

/**
 * What a body owns: its own declarations (including range and receive variables) and, separately, the
 * parameters of its function (a method's receiver excluded: `s.cfg = next` is shared state). Anything else it
 * writes — captured variables, package variables — is shared.
 */
function ownedBy(body: SyntaxNode): Owned {
  const locals = new Set<string>();
  const params = new Set<string>();
  const add = (n: SyntaxNode | null | undefined) => n && n.type === 'identifier' && locals.add(n.text);
  for (const decl of findAll(body, ['short_var_declaration', 'range_clause', 'receive_statement'])) {
    for (const n of decl.childForFieldName('left')?.namedChildren ?? []) add(n);
  }
  for (const spec of findAll(body, 'var_spec')) for (const n of spec.childrenForFieldName('name')) add(n);
  for (const fn of findAll(body, 'func_literal')) for (const p of parametersOf(fn)) if (p.name) locals.add(p.name);
  const owner = body.parent;
  if (owner && (FUNCTION_TYPES as readonly string[]).includes(owner.type)) {
    for (const p of parametersOf(owner).slice(owner.type === 'method_declaration' ? 1 : 0)) if (p.name) params.add(p.name);
  }
  if (body.type === 'communication_case') {
    for (const n of body.childForFieldName('communication')?.childForFieldName('left')?.namedChildren ?? []) add(n);
  }
  return { locals, params };
}

/**
 * The scope whose names a handler owns: a callback owns its body; a loop iteration shares its function's
 * locals (a variable declared before the loop is the loop's own bookkeeping, not published config).
 */
function handlerScope(handler: ReloadHandler): SyntaxNode {
  if (handler.scope === 'function') return handler.body;
  return enclosingTopLevelFunction(handler.anchor)?.childForFieldName('body') ?? handler.body;
}

const RECOVER_LINES = (logger: string) => [
  'defer func() {',
  '\tif r := recover(); r != nil {',
  `\t\t${logger}.Warn("config reload panicked, keeping the previous config", "panic", r)`,
  '\t}',
  '}()',
];

/** The statements a handler runs, or null when the body is empty. */
function statementsOf(body: SyntaxNode): SyntaxNode[] | null {
  const list = body.type === 'statement_list' ? body : body.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  return statements.length > 0 ? statements : null;
}

function guardFix(context: FileContext, handler: ReloadHandler, functions: Map<string, SyntaxNode[]>): FixDescriptor[] {
  const { file } = context;
  const statements = statementsOf(handler.body);
  if (!statements) return [];
  const logger = slogFor(file);
  const guard = validationGuard(file, handler, statements, functions, logger.name);
  if (handler.scope === 'function') {
    const edits: FileEdit[] = [insertLinesBefore(file, statements[0], RECOVER_LINES(logger.name))];
    if (guard) edits.push(insertLinesBefore(file, guard.before, guard.lines));
    return [{ title: messages.fixGuard, edits: [...edits, ...logger.edits], safe: false }];
  }
  return wrapLoopBody(context, handler, statements, guard, logger);
}

/**
 * `if err := next.Validate(); err != nil { log; return }` before the one statement that swaps in `next`, when the
 * file declares a `Validate` method for next's type. Without a validator the fix adds only the recover.
 */
function validationGuard(file: SourceFile, handler: ReloadHandler, statements: SyntaxNode[], functions: Map<string, SyntaxNode[]>, logger: string): { before: SyntaxNode; lines: string[] } | null {
  const owned = ownedBy(handlerScope(handler));
  const swaps = statements.filter((s) => appliesIn(file, s, owned));
  if (swaps.length !== 1) return null;
  const value = swappedValue(swaps[0]);
  if (!value) return null;
  const type = localTypeOf(value, swaps[0]);
  const validate = (functions.get('Validate') ?? []).find((m) => {
    const receiver = m.type === 'method_declaration' ? parametersOf(m)[0]?.type.replace(/^\*/, '') : undefined;
    return receiver === type;
  });
  if (!validate) return null;
  return {
    before: swaps[0],
    lines: [
      `if err := ${value.text}.Validate(); err != nil {`,
      `\t${logger}.Warn("rejected reloaded config, keeping the previous one", "err", err)`,
      '\treturn',
      '}',
    ],
  };
}

/** `next` in `cfg = next`, `current.Store(next)` or `current.Store(&next)`. */
function swappedValue(statement: SyntaxNode): SyntaxNode | null {
  if (statement.type === 'assignment_statement') {
    const right = statement.childForFieldName('right')?.namedChildren ?? [];
    return right.length === 1 && right[0]?.type === 'identifier' ? right[0] : null;
  }
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (call?.type !== 'call_expression' || !STORE_METHODS.has(calleeName(call))) return null;
  const arg = call.childForFieldName('arguments')?.namedChild(0);
  const inner = arg?.type === 'unary_expression' && arg.child(0)?.text === '&' ? arg.childForFieldName('operand') : arg;
  return inner?.type === 'identifier' ? inner : null;
}

/** The named type of a local from `var v T`, `v := T{...}`, `v := &T{...}` or `v := new(T)` before `before`. */
function localTypeOf(value: SyntaxNode, before: SyntaxNode): string | null {
  const fn = enclosingTopLevelFunction(before);
  if (!fn) return null;
  let type: string | null = null;
  for (const decl of findAll(fn, ['var_spec', 'short_var_declaration'])) {
    if (decl.startIndex >= before.startIndex) break;
    if (decl.type === 'var_spec' && decl.childrenForFieldName('name').some((n) => n?.text === value.text)) {
      type = decl.childForFieldName('type')?.text.replace(/^\*/, '') ?? null;
    } else if (decl.type === 'short_var_declaration' && decl.childForFieldName('left')?.namedChildren.some((n) => n?.text === value.text)) {
      const right = decl.childForFieldName('right')?.namedChild(0);
      const literal = right?.type === 'unary_expression' ? right.childForFieldName('operand') : right;
      if (literal?.type === 'composite_literal') type = literal.childForFieldName('type')?.text ?? null;
      else if (literal?.type === 'call_expression' && literal.childForFieldName('function')?.text === 'new') {
        type = literal.childForFieldName('arguments')?.namedChild(0)?.text ?? null;
      } else type = null;
    }
  }
  return type;
}

/**
 * In a loop, a deferred recover must run per change, so the body moves into `func() { ... }()`. Bodies that
 * jump (`continue`, `break`, `return`, `goto`) or hold multi-line raw strings are left to a person.
 */
function wrapLoopBody(
  context: FileContext,
  handler: ReloadHandler,
  statements: SyntaxNode[],
  guard: { before: SyntaxNode; lines: string[] } | null,
  logger: { name: string; edits: FileEdit[] },
): FixDescriptor[] {
  const { file } = context;
  const jumps = findAll(handler.body, ['continue_statement', 'break_statement', 'return_statement', 'goto_statement']).filter(
    (j) => !isInside(j, findAll(handler.body, [...FUNCTION_TYPES])),
  );
  const multiline = findAll(handler.body, 'raw_string_literal').some((s) => s.startPosition.row !== s.endPosition.row);
  if (jumps.length > 0 || multiline) return [];
  const first = statements[0];
  const last = statements[statements.length - 1];
  const indent = file.indentOf(first.startPosition.row);
  const startLine = first.startPosition.row;
  const endLine = last.endPosition.row;
  const lines: string[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const text = file.lineText(line);
    if (guard && line === guard.before.startPosition.row) lines.push(...guard.lines.map((l) => `${indent}\t${l}`));
    lines.push(text.trim() === '' ? '' : `\t${text}`);
  }
  const wrapped = [`${indent}func() {`, ...RECOVER_LINES(logger.name).map((l) => `${indent}\t${l}`), ...lines, `${indent}}()`].join('\n');
  const range = { start: { line: startLine, character: 0 }, end: { line: endLine, character: file.lineText(endLine).length } };
  return [{ title: messages.fixGuard, edits: [{ path: file.path, range, newText: wrapped }, ...logger.edits], safe: false }];
}
