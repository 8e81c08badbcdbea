/**
 * Recognising error-level structured log calls (zerolog, zap, log/slog, logrus) by the types the resolver gives
 * their receivers, and the field keys they carry, including keys attached earlier to the logger
 * (`logger := log.With().Str("order_id", id).Logger()`). When the fields cannot be seen (a field map in a
 * variable, a context logger, a logger passed in as a parameter or returned by code we do not read), the call is
 * marked opaque and rules stay silent.
 */
import { stringValue, walk } from '../../go/syntax';
import { namedParts } from '../../go/types';
import type { SyntaxNode } from '../../go/parser';
import type { Callee, Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import { mentionsAnySelector } from '../../go/text-search';
import { callsNamed, mayCallOnValues } from '../../go/calls-by-name';
import { mayHoldTypeOf, packagesTarget } from '../../go/type-reach';

export type LoggingLibrary = 'zerolog' | 'zap' | 'slog' | 'logrus';

/** The structured logging packages by import path. */
export const LOGGING_PACKAGES: Readonly<Record<string, LoggingLibrary>> = {
  'github.com/rs/zerolog': 'zerolog',
  'github.com/rs/zerolog/log': 'zerolog',
  'go.uber.org/zap': 'zap',
  'log/slog': 'slog',
  'golang.org/x/exp/slog': 'slog',
  'github.com/sirupsen/logrus': 'logrus',
};

const ZEROLOG = 'github.com/rs/zerolog';

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
  /** For zap: the receiver is a `*zap.Logger` (typed fields) rather than a sugared logger. */
  zapTyped: boolean;
}

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

/** The logging library a function or method belongs to: a package function of it, or a method of one of its types. */
export function libraryOfCallee(callee: Callee | null): LoggingLibrary | null {
  if (!callee) return null;
  const pkg = callee.kind === 'func' ? callee.pkg : namedParts(callee.receiver)?.pkg;
  return (pkg && LOGGING_PACKAGES[pkg]) || null;
}

/** Methods whose arguments add fields we cannot read, or that pull fields from a context. */
const OPAQUE_METHODS = new Set(['Fields', 'EmbedObject', 'Object', 'Objects', 'Ctx', 'Func', 'WithContext', 'WithOptions']);
const ZEROLOG_SENDS = new Set(['Msg', 'Msgf', 'Send', 'MsgFunc']);
const ERROR_METHODS = new Set(['Error', 'Errorf', 'Errorw', 'Errorln', 'ErrorContext']);
/** The method names an error log call ends in; the ones checked after a dot (`Error` needs its argument too). */
const ERROR_LOG_CALLS = [...ZEROLOG_SENDS, ...ERROR_METHODS];
const ERROR_LOG_ENDS = ERROR_LOG_CALLS.filter((name) => name !== 'Error');
/** The packages whose own functions log (`slog.Error`, `logrus.Errorf`): calls of any other package's functions log nothing we read. */
export const LOGGING_PATHS = Object.keys(LOGGING_PACKAGES);
const ERROR_WITH_ARGUMENTS = /\.\s*Error\s*\(\s*[^)\s]/;

/** Where a logger's fields come from, as far as the code shows. */
interface Origin {
  keys: string[];
  opaque: boolean;
}

const OPAQUE: Origin = { keys: [], opaque: true };
const MAX_ORIGIN_DEPTH = 8;

/** Finds the error-level log calls of a file. */
export function errorLogCalls(file: SourceFile, types: Resolver): ErrorLogCall[] {
  const found: ErrorLogCall[] = [];
  // `err.Error()` is everywhere and logs nothing: an Error log call passes a message.
  if (!mentionsAnySelector(file.text, ERROR_LOG_ENDS) && !ERROR_WITH_ARGUMENTS.test(file.text)) return found;
  // `base.Errorf(...)` of a package that logs nothing we know: no parse for a file with only such calls.
  if (!mayCallOnValues(file, ERROR_LOG_CALLS, LOGGING_PATHS, types.index)) return found;
  // `err.Error()`, `t.Errorf(...)`: no logger of these libraries can reach a file that names nothing leading to one.
  if (!mayHoldLogger(file, types)) return found;
  for (const outer of callsNamed(file, ERROR_LOG_CALLS)) {
    if (outer.parent?.type === 'selector_expression') continue;
    const method = outer.childForFieldName('function')?.childForFieldName('field')?.text ?? '';
    // Most calls are no log call at all: ask the resolver only about the names that end one.
    if (!ZEROLOG_SENDS.has(method) && !ERROR_METHODS.has(method)) continue;
    const chain = chainOf(outer);
    if (!chain) continue;
    const call = ZEROLOG_SENDS.has(method) ? zerologCall(chain, types) : errorCall(chain, types);
    if (call) found.push(call);
  }
  return found;
}

/** Every type of the logging libraries, as a `reach` target. */
const LOGGING_TYPES = packagesTarget(LOGGING_PATHS);

/**
 * Whether a value of a logging library's type may reach the file (see type-reach.ts): false only when it imports
 * none of the libraries, nothing with a dot, and writes no name that leads to one of their types. A call of theirs
 * is a function of the package (an import) or a method of one of their types.
 */
function mayHoldLogger(file: SourceFile, types: Resolver): boolean {
  return mayHoldTypeOf(file, types, LOGGING_PATHS, LOGGING_TYPES);
}

/** `X.Error()...Msg(...)` where the event comes from a zerolog logger's Error level. */
function zerologCall(chain: Chain, types: Resolver): ErrorLogCall | null {
  const last = chain.calls[chain.calls.length - 1];
  const send = types.calleeOf(last.call);
  if (send?.kind !== 'method' || namedParts(send.receiver)?.pkg !== ZEROLOG || namedParts(send.receiver)?.name !== 'Event') return null;
  // The level is the call that first yields an event.
  const index = chain.calls.findIndex((c) => namedParts(types.typeOf(c.call))?.name === 'Event' && namedParts(types.typeOf(c.call))?.pkg === ZEROLOG);
  if (index < 0) return null;
  const level = chain.calls[index];
  const levelCallee = types.calleeOf(level.call);
  if (level.method !== 'Error' || level.args.length > 0 || libraryOfCallee(levelCallee) !== 'zerolog') return null;
  // `log.Error()` of zerolog/log is the global logger; `l.Error()` is whatever `l` is.
  const origin: Origin = levelCallee?.kind === 'func' ? { keys: [], opaque: false } : receiverOrigin(level.call, types);
  const fields = chain.calls.slice(index + 1, -1);
  const keys = [...origin.keys, ...fields.flatMap(keysInArgs)];
  const opaque = origin.opaque || fields.some((c) => OPAQUE_METHODS.has(c.method) && !c.args.every(isLiteralMap));
  return { library: 'zerolog', node: level.call, outer: last.call, chain, keys, opaque, zapTyped: false };
}

/** `logger.Error(...)`, `slog.ErrorContext(...)`, `entry.Errorf(...)`, `sugar.Errorw(...)` on a resolved logger. */
function errorCall(chain: Chain, types: Resolver): ErrorLogCall | null {
  const last = chain.calls[chain.calls.length - 1];
  const callee = types.calleeOf(last.call);
  const library = libraryOfCallee(callee);
  if (!callee || !library || !errorMethodOf(library, callee)) return null;
  const receiverType = callee.kind === 'method' ? namedParts(callee.receiver) : null;
  const zapTyped = library === 'zap' && receiverType?.name === 'Logger';
  const origin: Origin = callee.kind === 'func' ? { keys: [], opaque: false } : receiverOrigin(last.call, types);
  let keys = [...origin.keys];
  let opaque = origin.opaque || last.args.some((a) => a.type === 'variadic_argument');
  if (library === 'slog' || zapTyped || last.method === 'Errorw') {
    const skip = last.method === 'ErrorContext' ? 2 : 1;
    const read = readFieldArgs(last.args.slice(skip), library, types);
    keys = [...keys, ...read.keys];
    opaque ||= read.opaque;
  }
  return { library, node: last.call, outer: last.call, chain, keys, opaque, zapTyped };
}

/** True when the callee logs at error level in its library (`zap.Error(err)` builds a field and is not one). */
function errorMethodOf(library: LoggingLibrary, callee: Callee): boolean {
  const name = callee.name;
  const type = callee.kind === 'method' ? (namedParts(callee.receiver)?.name ?? '') : '';
  switch (library) {
    case 'slog':
      return (callee.kind === 'func' || type === 'Logger') && (name === 'Error' || name === 'ErrorContext');
    case 'zap':
      return (type === 'Logger' && name === 'Error') || (type === 'SugaredLogger' && (name === 'Error' || name === 'Errorf' || name === 'Errorw'));
    case 'logrus':
      return name === 'Error' || name === 'Errorf' || name === 'Errorln';
    default:
      return false;
  }
}

/** The origin of the logger a method is called on: the operand of the call's selector. */
function receiverOrigin(call: SyntaxNode, types: Resolver): Origin {
  const operand = call.childForFieldName('function')?.childForFieldName('operand');
  return operand ? originOf(operand, types, 0) : OPAQUE;
}

/**
 * Where a logger value comes from. Package globals, struct fields and package variables are service-wide
 * loggers whose fields are the ones added in the chain. Parameters are opaque (the caller may have added the
 * ids); locals are followed to their initializer. Any call outside the logging libraries (a getter, a
 * `FromContext`) may attach fields we cannot read, and so may a context logger: opaque.
 */
function originOf(expr: SyntaxNode, types: Resolver, depth: number): Origin {
  if (depth > MAX_ORIGIN_DEPTH) return OPAQUE;
  const chain = chainOf(expr) ?? { root: expr, calls: [] };
  let keys: string[] = [];
  let opaque = false;
  for (const link of chain.calls) {
    const callee = types.calleeOf(link.call);
    if (!libraryOfCallee(callee) || isContextLogger(callee!)) return OPAQUE;
    keys.push(...keysInArgs(link));
    opaque ||= OPAQUE_METHODS.has(link.method) && !link.args.every(isLiteralMap);
  }
  const root = chain.root;
  const resolved = types.resolve(root);
  if (resolved?.kind === 'package') return chain.calls.length > 0 && LOGGING_PACKAGES[resolved.path] ? { keys, opaque } : OPAQUE;
  if (resolved?.kind !== 'value') return OPAQUE;
  if (root.type === 'identifier') {
    const local = types.localDeclOf(root);
    if (local) {
      if (local.kind !== 'short' && local.kind !== 'var') return OPAQUE;
      const init = types.boundValue(local) ?? singleValue(local.holder);
      if (!init) return OPAQUE;
      const inner = originOf(init, types, depth + 1);
      return { keys: [...inner.keys, ...keys], opaque: inner.opaque || opaque };
    }
    return { keys, opaque };
  }
  if (root.type === 'selector_expression') return { keys, opaque };
  if (root.type === 'parenthesized_expression' || root.type === 'unary_expression') {
    const inner = root.namedChildren.find((n) => n && n.type !== 'comment');
    return inner ? originOf(inner, types, depth + 1) : OPAQUE;
  }
  return OPAQUE;
}

/** `zerolog.Ctx(ctx)`, `log.Ctx(ctx)`: a request-scoped logger, which usually carries the ids already. */
function isContextLogger(callee: Callee): boolean {
  return callee.kind === 'func' && callee.name === 'Ctx';
}

/** The one value of `a, b := f()`: a call whose results are spread over the names. */
function singleValue(holder: SyntaxNode): SyntaxNode | null {
  const list = holder.type === 'short_var_declaration' ? holder.childForFieldName('right') : holder.childForFieldName('value');
  const values = (list?.namedChildren ?? []).filter((n) => n && n.type !== 'comment');
  return values.length === 1 && values[0]?.type === 'call_expression' ? values[0] : null;
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

/**
 * slog's `"key", value` pairs and `slog.String("key", v)` attrs; zap's typed fields and sugared pairs.
 * Anything else in a key position (an attrs variable, a field built elsewhere) makes the call opaque.
 */
function readFieldArgs(args: SyntaxNode[], library: LoggingLibrary, types: Resolver): { keys: string[]; opaque: boolean } {
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
      const callee = types.calleeOf(arg);
      if (callee?.kind === 'func' && LOGGING_PACKAGES[callee.pkg] === library) {
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
