/**
 * Config reload paths: the code that runs each time configuration changes at runtime (a viper
 * `OnConfigChange` callback, an fsnotify event loop, an etcd `Watch` channel loop), and the questions the
 * config rules ask about it: does it apply the new values, validate them, recover from a panic?
 */
import { enclosingTopLevelFunction, findAll, FUNCTION_TYPES, functionName, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

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

function importsAny(file: SourceFile, paths: readonly string[]): boolean {
  return file.imports.some((s) => paths.includes(s.path));
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

/** `w.Events`: the event channel of an fsnotify watcher, as a range or a receive reads it. */
function isEventsSelector(node: SyntaxNode | null): boolean {
  return node?.type === 'selector_expression' && node.childForFieldName('field')?.text === 'Events';
}

/** True for `<expr>.Watch(...)`, or an identifier assigned from one in the same function. */
function isWatchChannel(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (node.type === 'call_expression') return calleeName(node) === 'Watch' && node.childForFieldName('function')?.type === 'selector_expression';
  if (node.type !== 'identifier') return false;
  const fn = enclosingTopLevelFunction(node);
  if (!fn) return false;
  return findAll(fn, ['short_var_declaration', 'assignment_statement']).some((decl) => {
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const right = decl.childForFieldName('right')?.namedChildren ?? [];
    return left.length === 1 && left[0]?.text === node.text && right.length === 1 && isWatchChannel(right[0]);
  });
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
export function reloadHandlers(file: SourceFile): ReloadHandler[] {
  const handlers: ReloadHandler[] = [];
  const viper = importsAny(file, [VIPER_PATH]);
  const fsnotify = importsAny(file, FSNOTIFY_PATHS);
  const etcd = importsAny(file, ETCD_PATHS);
  if (!viper && !fsnotify && !etcd) return handlers;
  const functions = declaredFunctions(file);
  const loopKind = (channel: SyntaxNode | null): ReloadHandler['kind'] | null => {
    if (fsnotify && isEventsSelector(channel)) return 'fsnotify';
    if (etcd && isWatchChannel(channel)) return 'etcd';
    return null;
  };
  walk(file.root, (node) => {
    if (viper && node.type === 'call_expression' && calleeName(node) === 'OnConfigChange') {
      const arg = node.childForFieldName('arguments')?.namedChild(0);
      const target = arg?.type === 'func_literal' ? arg : arg?.type === 'identifier' ? functions.get(arg.text)?.[0] : undefined;
      const body = target?.childForFieldName('body');
      if (body) handlers.push({ kind: 'viper', anchor: node, body, scope: 'function' });
    } else if (node.type === 'for_statement') {
      const range = node.namedChildren.find((c) => c?.type === 'range_clause');
      const kind = range ? loopKind(range.childForFieldName('right')) : null;
      const body = node.childForFieldName('body');
      if (kind && body) handlers.push({ kind, anchor: node, body, scope: 'loop' });
    } else if (node.type === 'communication_case') {
      const kind = loopKind(receivedChannel(node));
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
export function reloadPathBodies(file: SourceFile): SyntaxNode[] {
  const functions = declaredFunctions(file);
  const bodies: SyntaxNode[] = [];
  for (const handler of reloadHandlers(file)) bodies.push(...handlerCode(file, handler.body, functions));
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
