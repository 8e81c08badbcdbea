/**
 * Recognising error-level structured log calls (zerolog, zap, log/slog, logrus) and the field keys they carry,
 * including keys attached earlier to the logger (`logger := log.With().Str("order_id", id).Logger()`).
 * When the fields cannot be seen (a field map in a variable, a context logger, a logger passed in as a
 * parameter), the call is marked opaque and rules stay silent.
 */
import { fieldChildren } from '../../go/syntax';
import { enclosingFunction, findAll, parametersOf, stringValue, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

export type LoggingLibrary = 'zerolog' | 'zap' | 'slog' | 'logrus';

/** One link of a method chain `root.a(...).b(...)`. */
export interface ChainCall {
  method: string;
  call: SyntaxNode;
  args: SyntaxNode[];
}

export interface Chain {
  root: SyntaxNode;
  calls: ChainCall[];
}

/** An error-level log call and what is known about its fields. */
export interface ErrorLogCall {
  library: LoggingLibrary;
  /** The node to report: from the chain's start to the error-level call. */
  node: SyntaxNode;
  /** The outermost call of the chain. */
  outer: SyntaxNode;
  chain: Chain;
  /** String literals seen where field keys go, on the call and on the logger it was derived from. */
  keys: string[];
  /** Fields exist that cannot be read (a map variable, `args...`, a context logger): say nothing. */
  opaque: boolean;
  /** For zap: the value is a `*zap.Logger` (typed fields) rather than a sugared logger. */
  zapTyped: boolean;
}

const IMPORTS: Record<LoggingLibrary, string[]> = {
  zerolog: ['github.com/rs/zerolog', 'github.com/rs/zerolog/log'],
  zap: ['go.uber.org/zap'],
  slog: ['log/slog', 'golang.org/x/exp/slog'],
  logrus: ['github.com/sirupsen/logrus'],
};

/** `root.a(x).b(y)` → root and the calls in order; null when `outer` is not a method call. */
export function chainOf(outer: SyntaxNode): Chain | null {
  const calls: ChainCall[] = [];
  let node: SyntaxNode = outer;
  while (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'selector_expression') break;
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    calls.unshift({ method: fn.childForFieldName('field')?.text ?? '', call: node, args });
    node = fn.childForFieldName('operand')!;
  }
  return calls.length > 0 ? { root: node, calls } : null;
}

const LOGGER_NAME = /^(l|lg|log|logger|zl|zlog|sugar|sugared|entry)$|(log|logger|entry)$/i;

function lastName(node: SyntaxNode): string {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'selector_expression') return node.childForFieldName('field')?.text ?? '';
  return '';
}

/** Methods whose arguments add fields we cannot read, or that pull fields from a context. */
const OPAQUE_METHODS = new Set(['Fields', 'EmbedObject', 'Object', 'Objects', 'Ctx', 'Func', 'WithContext', 'WithOptions']);
/** Roots that yield a request-scoped logger, which usually carries the ids already. */
const CONTEXT_LOGGERS = /^(Ctx|FromContext|FromRequest|Extract|LoggerFromContext|L|S)$/;

interface Origin {
  library: LoggingLibrary | null;
  keys: string[];
  opaque: boolean;
  zapTyped: boolean;
}

/**
 * Finds the error-level log calls of a file. `idKeys` are not needed here: the caller decides which keys count.
 */
export function errorLogCalls(file: SourceFile): ErrorLogCall[] {
  const libraries = (Object.keys(IMPORTS) as LoggingLibrary[]).filter((lib) => IMPORTS[lib].some((p) => file.localNameOf(p)));
  if (libraries.length === 0) return [];
  const found: ErrorLogCall[] = [];
  for (const outer of findAll(file.root, 'call_expression')) {
    if (outer.parent?.type === 'selector_expression') continue;
    const chain = chainOf(outer);
    if (!chain) continue;
    const call = classify(file, chain, libraries);
    if (call) found.push(call);
  }
  return found;
}

function classify(file: SourceFile, chain: Chain, libraries: LoggingLibrary[]): ErrorLogCall | null {
  const last = chain.calls[chain.calls.length - 1];
  const outer = last.call;
  const pkgOf = (node: SyntaxNode) => (node.type === 'identifier' ? file.importPathOf(node.text) : undefined);
  const rootPkg = pkgOf(chain.root);
  const libraryOfPkg = (path: string | undefined) => (Object.keys(IMPORTS) as LoggingLibrary[]).find((lib) => path && IMPORTS[lib].includes(path)) ?? null;

  // zerolog: X.Error()...Msg(...)
  if (libraries.includes('zerolog') && ['Msg', 'Msgf', 'Send', 'MsgFunc'].includes(last.method)) {
    const index = chain.calls.findIndex((c) => c.method === 'Error' && c.args.length === 0);
    if (index < 0) return null;
    const before = chain.calls.slice(0, index);
    const origin = rootPkg ? pkgOrigin(rootPkg, before) : instanceOrigin(file, chain.root, before, 'zerolog');
    if (!origin || (origin.library && origin.library !== 'zerolog')) return null;
    const fields = chain.calls.slice(index + 1, -1);
    const keys = [...origin.keys, ...fields.flatMap(keysInArgs)];
    const opaque = origin.opaque || fields.some((c) => OPAQUE_METHODS.has(c.method) && !c.args.every(isLiteralMap));
    return { library: 'zerolog', node: chain.calls[index].call, outer, chain, keys, opaque, zapTyped: false };
  }

  if (!/^(Error|Errorf|Errorw|Errorln|ErrorContext)$/.test(last.method)) return null;
  const prefix = chain.calls.slice(0, -1);
  let origin: Origin | null;
  if (rootPkg) {
    const library = libraryOfPkg(rootPkg);
    // `zap.Error(err)` builds a field; only the global loggers L() and S() log.
    if (!library || library === 'zerolog' || (library === 'zap' && !['L', 'S'].includes(prefix[0]?.method ?? ''))) return null;
    origin = pkgOrigin(rootPkg, prefix);
  } else {
    origin = instanceOrigin(file, chain.root, prefix, null);
  }
  if (!origin) return null;
  let library = origin.library;
  if (!library) {
    // An instance whose declaration we cannot see: only unambiguous when the file uses one such library.
    const candidates = libraries.filter((l) => l !== 'zerolog');
    if (candidates.length !== 1 || !LOGGER_NAME.test(lastName(chain.root))) return null;
    library = candidates[0];
  }
  if (!methodFits(library, last.method)) return null;
  const args = last.args;
  let keys = [...origin.keys];
  let opaque = origin.opaque || args.some((a) => a.type === 'variadic_argument');
  if (library === 'slog' || (library === 'zap' && (last.method === 'Errorw' || last.method === 'Error'))) {
    const skip = last.method === 'ErrorContext' ? 2 : 1;
    const read = readFieldArgs(args.slice(skip), library);
    keys = [...keys, ...read.keys];
    opaque ||= read.opaque;
  }
  if (library === 'logrus') opaque ||= prefix.some((c) => OPAQUE_METHODS.has(c.method) || (c.method === 'WithFields' && !c.args.every(isLiteralMap)));
  const zapTyped = library === 'zap' && last.method === 'Error' && (origin.zapTyped || args.slice(1).some((a) => isPackageCall(file, a, 'go.uber.org/zap')));
  return { library, node: outer, outer, chain, keys, opaque, zapTyped };
}

function methodFits(library: LoggingLibrary, method: string): boolean {
  if (library === 'slog') return method === 'Error' || method === 'ErrorContext';
  if (library === 'zap') return method === 'Error' || method === 'Errorw' || method === 'Errorf';
  if (library === 'logrus') return method === 'Error' || method === 'Errorf' || method === 'Errorln';
  return false;
}

/** A chain rooted at a logging package: its global logger, or a context logger (opaque). */
function pkgOrigin(path: string, prefix: ChainCall[]): Origin {
  const library = (Object.keys(IMPORTS) as LoggingLibrary[]).find((lib) => IMPORTS[lib].includes(path)) ?? null;
  const first = prefix[0]?.method ?? '';
  const contextual = CONTEXT_LOGGERS.test(first) && !(library === 'zap' && (first === 'L' || first === 'S'));
  return {
    library,
    keys: prefix.flatMap(keysInArgs),
    opaque: contextual || prefix.some((c) => OPAQUE_METHODS.has(c.method) && !c.args.every(isLiteralMap)),
    zapTyped: library === 'zap' && first === 'L',
  };
}

/**
 * A chain rooted at a variable or field. Parameters are opaque (the caller may have added the ids); locals
 * are followed to their initializer; struct fields and package variables are service-wide loggers.
 */
function instanceOrigin(file: SourceFile, root: SyntaxNode, prefix: ChainCall[], expected: LoggingLibrary | null): Origin | null {
  if (root.type !== 'identifier' && root.type !== 'selector_expression') return null;
  const prefixKeys = prefix.flatMap(keysInArgs);
  const prefixOpaque = prefix.some((c) => OPAQUE_METHODS.has(c.method) && !c.args.every(isLiteralMap));
  const declared = declarationOf(file, root);
  if (declared.kind === 'param') return { library: libraryOfType(file, declared.type), keys: prefixKeys, opaque: true, zapTyped: false };
  if (declared.kind === 'local' && declared.init) {
    const chain = chainOf(declared.init);
    if (!chain) return { library: null, keys: prefixKeys, opaque: true, zapTyped: false };
    const rootPath = chain.root.type === 'identifier' ? file.importPathOf(chain.root.text) : undefined;
    const inner = rootPath ? pkgOrigin(rootPath, chain.calls) : null;
    const library = inner?.library ?? expected;
    const opaque = !inner || inner.opaque || prefixOpaque;
    return { library, keys: [...(inner?.keys ?? []), ...prefixKeys], opaque, zapTyped: !!inner?.zapTyped || /^New(Production|Development|Example)?$/.test(chain.calls[0]?.method ?? '') };
  }
  const library = declared.type ? libraryOfType(file, declared.type) : null;
  return { library, keys: prefixKeys, opaque: prefixOpaque, zapTyped: /zap\.Logger\b/.test(declared.type) };
}

function libraryOfType(file: SourceFile, type: string): LoggingLibrary | null {
  const pkg = /^\*?(\w+)\./.exec(type)?.[1];
  const path = pkg ? file.importPathOf(pkg) : undefined;
  return (Object.keys(IMPORTS) as LoggingLibrary[]).find((lib) => path && IMPORTS[lib].includes(path)) ?? null;
}

interface Declaration {
  kind: 'param' | 'local' | 'field' | 'unknown';
  type: string;
  init?: SyntaxNode;
}

/** Where the root of a logging chain comes from, as far as this file shows. */
function declarationOf(file: SourceFile, root: SyntaxNode): Declaration {
  if (root.type === 'selector_expression') {
    const field = root.childForFieldName('field')?.text ?? '';
    for (const decl of findAll(file.root, 'field_declaration')) {
      if (fieldChildren(decl, 'name').some((n) => n?.text === field)) return { kind: 'field', type: decl.childForFieldName('type')?.text ?? '' };
    }
    return { kind: 'field', type: '' };
  }
  const name = root.text;
  for (let fn = enclosingFunction(root); fn; fn = enclosingFunction(fn)) {
    const param = parametersOf(fn).find((p) => p.name === name);
    if (param) return { kind: 'param', type: param.type };
    let local: Declaration | null = null;
    walk(fn.childForFieldName('body') ?? fn, (node) => {
      if (node.startIndex >= root.startIndex) return false;
      if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
        const left = node.childForFieldName('left')?.namedChildren ?? [];
        const right = node.childForFieldName('right')?.namedChildren ?? [];
        const i = left.findIndex((n) => n?.text === name);
        if (i >= 0) local = { kind: 'local', type: '', init: (left.length === right.length ? right[i] : undefined) ?? undefined };
      } else if (node.type === 'var_spec' && fieldChildren(node, 'name').some((n) => n?.text === name)) {
        local = { kind: 'local', type: node.childForFieldName('type')?.text ?? '', init: node.childForFieldName('value')?.namedChild(0) ?? undefined };
      }
      return true;
    });
    if (local) return local;
  }
  for (const spec of findAll(file.root, 'var_spec')) {
    if (enclosingFunction(spec)) continue;
    if (fieldChildren(spec, 'name').some((n) => n?.text === name)) return { kind: 'field', type: spec.childForFieldName('type')?.text ?? '' };
  }
  return { kind: 'unknown', type: '' };
}

/** Every string literal in a call's arguments, nested calls and map literals included. */
function keysInArgs(call: ChainCall): string[] {
  const keys: string[] = [];
  for (const arg of call.args) {
    walk(arg, (node) => {
      const value = stringValue(node);
      if (value !== null) keys.push(value);
      return true;
    });
  }
  return keys;
}

/** `map[string]any{...}` or `logrus.Fields{...}` written out, so its keys can be read. */
function isLiteralMap(node: SyntaxNode): boolean {
  return node.type === 'composite_literal' || stringValue(node) !== null;
}

function isPackageCall(file: SourceFile, node: SyntaxNode, path: string): boolean {
  return node.type === 'call_expression' && file.isPackageSelector(node.childForFieldName('function'), [path]);
}

/**
 * slog's `"key", value` pairs and `slog.String("key", v)` attrs; zap's typed fields and sugared pairs.
 * Anything else in a key position (an attrs variable, a field built elsewhere) makes the call opaque.
 */
function readFieldArgs(args: SyntaxNode[], library: LoggingLibrary): { keys: string[]; opaque: boolean } {
  const keys: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const literal = stringValue(arg);
    if (literal !== null) {
      keys.push(literal);
      i++;
      continue;
    }
    if (arg.type === 'call_expression') {
      const fn = arg.childForFieldName('function');
      const pkg = fn?.type === 'selector_expression' ? fn.childForFieldName('operand')?.text : undefined;
      if (pkg === (library === 'slog' ? 'slog' : 'zap') || fn?.childForFieldName('field')?.text === 'Error') {
        walk(arg, (node) => {
          const value = stringValue(node);
          if (value !== null) keys.push(value);
          return true;
        });
        continue;
      }
    }
    return { keys, opaque: true };
  }
  return { keys, opaque: false };
}
