/**
 * Config reload paths: the code that runs each time configuration changes at runtime (a viper
 * `OnConfigChange` callback, an fsnotify event loop, an etcd `Watch` channel loop), and the questions the
 * config rules ask about it: does it apply the new values, validate them, recover from a panic? Viper
 * instances, watchers and watch channels are known by their resolved types, wherever they were built: a
 * field set in another file, a constructor of a config package.
 */
import { FUNCTION_TYPES, findAll, functionName, unalias, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import { namedParts, typeShape } from '../../go/types';

/** Import paths that mark a file as watching configuration: viper, fsnotify, the etcd v3 client. */
export const VIPER_PATH = 'github.com/spf13/viper';
export const FSNOTIFY_PATHS = ['github.com/fsnotify/fsnotify', 'gopkg.in/fsnotify.v1', 'gopkg.in/fsnotify/fsnotify.v1'];
export const ETCD_PATHS = ['go.etcd.io/etcd/client/v3', 'go.etcd.io/etcd/clientv3', 'github.com/coreos/etcd/clientv3'];

/** One place where a changed configuration is handled. */
export interface ReloadHandler {
  kind: 'viper' | 'fsnotify' | 'etcd';
  /** What a finding points at: the `OnConfigChange` call, the `for` loop or the `select` case. */
  anchor: SyntaxNode;
  /** The code run per change: a function body block, a loop body block or a select case. */
  body: SyntaxNode;
  /** 'function' when `return` leaves the handler, 'loop' when each change is one loop iteration. */
  scope: 'function' | 'loop';
}

/** Splits an identifier into lower-case words: `reloadHTTPConfig` → reload, http, config. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The name a call invokes: `f` for `f(x)`, `M` for `x.M(y)`, '' otherwise. */
export function calleeName(call: SyntaxNode): string {
  const fn = call.childForFieldName('function');
  if (!fn) return '';
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'selector_expression') return fn.childForFieldName('field')?.text ?? '';
  return '';
}

/** The function or method declarations of the file by name (methods by their method name). */
export function declaredFunctions(file: SourceFile): Map<string, SyntaxNode[]> {
  const byName = new Map<string, SyntaxNode[]>();
  for (const decl of file.root.namedChildren) {
    if (!decl || (decl.type !== 'function_declaration' && decl.type !== 'method_declaration')) continue;
    const name = functionName(decl);
    byName.set(name, [...(byName.get(name) ?? []), decl]);
  }
  return byName;
}

/** Which watcher's events a channel carries: fsnotify's file events or etcd's watch responses. */
function watchChannelKind(types: Resolver, channel: SyntaxNode | null): ReloadHandler['kind'] | null {
  const type = channel ? types.typeOf(channel) : null;
  const shape = type ? typeShape(types.underlying(type)) : null;
  if (shape?.kind !== 'chan') return null;
  const element = namedParts(unalias(types, shape.elem));
  if (element?.name === 'Event' && FSNOTIFY_PATHS.includes(element.pkg)) return 'fsnotify';
  if (element?.name === 'WatchResponse' && ETCD_PATHS.includes(element.pkg)) return 'etcd';
  return null;
}

/** True for viper's `OnConfigChange`, the package function or a `*viper.Viper`'s method, however it is reached. */
export function isViperCall(types: Resolver, call: SyntaxNode, name: string): boolean {
  if (calleeName(call) !== name) return false;
  const callee = types.calleeOf(call);
  if (callee?.kind === 'func') return callee.pkg === VIPER_PATH;
  return callee?.kind === 'method' && namedParts(callee.receiver)?.pkg === VIPER_PATH;
}

/** The channel a select case receives from: `<-x.Events` in `case ev := <-x.Events:` or `case <-x.Events:`. */
function receivedChannel(clause: SyntaxNode): SyntaxNode | null {
  const communication = clause.childForFieldName('communication');
  if (!communication) return null;
  const expr = communication.type === 'receive_statement' ? communication.childForFieldName('right') : communication;
  const unary = expr?.type === 'expression_statement' ? expr.namedChild(0) : expr;
  if (unary?.type !== 'unary_expression' || unary.child(0)?.text !== '<-') return null;
  return unary.childForFieldName('operand');
}

/** Every reload handler in the file. */
export function reloadHandlers(types: Resolver): ReloadHandler[] {
  const file = types.file;
  const handlers: ReloadHandler[] = [];
  if (!/OnConfigChange|Events|Watch/.test(file.text)) return handlers;
  const functions = declaredFunctions(file);
  walk(file.root, (node) => {
    if (node.type === 'call_expression' && isViperCall(types, node, 'OnConfigChange')) {
      const arg = node.childForFieldName('arguments')?.namedChild(0);
      const named = arg?.type === 'identifier' ? arg.text : arg?.type === 'selector_expression' ? arg.childForFieldName('field')?.text : undefined;
      const target = arg?.type === 'func_literal' ? arg : named ? functions.get(named)?.[0] : undefined;
      const body = target?.childForFieldName('body');
      if (body) handlers.push({ kind: 'viper', anchor: node, body, scope: 'function' });
    } else if (node.type === 'for_statement') {
      const range = node.namedChildren.find((c) => c?.type === 'range_clause');
      const kind = range ? watchChannelKind(types, range.childForFieldName('right')) : null;
      const body = node.childForFieldName('body');
      if (kind && body) handlers.push({ kind, anchor: node, body, scope: 'loop' });
    } else if (node.type === 'communication_case') {
      const kind = watchChannelKind(types, receivedChannel(node));
      if (kind && ancestorLoop(node)) handlers.push({ kind, anchor: node, body: node, scope: 'loop' });
    }
  });
  return handlers;
}

/** The `for` loop a select case iterates in, stopping at function boundaries. */
function ancestorLoop(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement') return current;
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return null;
  }
  return null;
}

/**
 * The code a handler runs: its body plus the same-file functions it calls directly (one level), because
 * handlers often delegate to `s.apply(next)` or `reloadConfig()`.
 */
export function handlerCode(file: SourceFile, body: SyntaxNode, functions = declaredFunctions(file)): SyntaxNode[] {
  const code = [body];
  const packages = new Set(file.imports.map((s) => s.localName));
  for (const call of findAll(body, 'call_expression')) {
    const fn = call.childForFieldName('function');
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
    if (operand?.type === 'identifier' && packages.has(operand.text)) continue;
    for (const decl of functions.get(calleeName(call)) ?? []) {
      const declBody = decl.childForFieldName('body');
      if (declBody && !code.includes(declBody) && !declBody.equals(body)) code.push(declBody);
    }
  }
  return code;
}

/** Functions whose own name says they reload configuration (`reloadConfig`, `(*Watcher).Reload`). */
export function namedReloadFunctions(file: SourceFile): SyntaxNode[] {
  return [...declaredFunctions(file).values()].flat().filter((fn) => identifierWords(functionName(fn)).includes('reload'));
}

/** The bodies of all reload paths in the file: handlers, what they call, and functions named for reloading. */
export function reloadPathBodies(types: Resolver): SyntaxNode[] {
  const file = types.file;
  const functions = declaredFunctions(file);
  const bodies: SyntaxNode[] = [];
  for (const handler of reloadHandlers(types)) bodies.push(...handlerCode(file, handler.body, functions));
  for (const fn of namedReloadFunctions(file)) {
    const body = fn.childForFieldName('body');
    if (body) bodies.push(body);
  }
  return bodies;
}

/** True when `node` lies inside one of the given bodies. */
export function isInside(node: SyntaxNode, bodies: readonly SyntaxNode[]): boolean {
  return bodies.some((b) => node.startIndex >= b.startIndex && node.endIndex <= b.endIndex);
}

const VALIDATION_WORDS = new Set(['valid', 'validate', 'validates', 'validation', 'validator', 'verify', 'check', 'sanitize']);

/** A call that validates: its name, or the name of what it is called on, speaks of validation. */
export function isValidationCall(call: SyntaxNode): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  const names = fn.type === 'selector_expression' ? [fn.childForFieldName('field')?.text ?? '', fn.childForFieldName('operand')?.text ?? ''] : [fn.text];
  return names.some((name) => identifierWords(name).some((w) => VALIDATION_WORDS.has(w)));
}

/** True when any of the code calls `recover()`. */
export function callsRecover(code: readonly SyntaxNode[]): boolean {
  return code.some((c) => findAll(c, 'call_expression').some((call) => call.childForFieldName('function')?.text === 'recover'));
}

/** True when any of the code calls something named for validation. */
export function callsValidation(code: readonly SyntaxNode[]): boolean {
  return code.some((c) => findAll(c, 'call_expression').some(isValidationCall));
}
