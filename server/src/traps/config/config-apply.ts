/**
 * Does a config reload handler put new values into effect? It does when it writes state it does not own,
 * publishes atomically, decodes into shared state, or calls an apply-like function.
 */
import { fieldChildren } from '../../go/syntax';
import { calleeName, identifierWords, ReloadHandler } from './config-reload';
import { enclosingTopLevelFunction, findAll, FUNCTION_TYPES, parametersOf } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

/** Method names that publish a value atomically. */
export const STORE_METHODS = new Set(['Store', 'Swap', 'StorePointer', 'SwapPointer', 'CompareAndSwap']);
/** Method names that decode into their argument. */
const DECODE_METHODS = new Set(['Unmarshal', 'UnmarshalKey', 'UnmarshalExact', 'Decode']);
/** First words of function names that put a configuration into effect. */
const APPLY_WORDS = new Set(['apply', 'set', 'update', 'swap', 'replace', 'reload', 'refresh', 'reconfigure']);

/** True when the code puts something into effect: writes shared state, publishes atomically, decodes into it, or calls an apply-like function. */
export function applies(file: SourceFile, code: readonly SyntaxNode[], handler: ReloadHandler): boolean {
  return code.some((body, index) => appliesIn(file, body, ownedBy(index === 0 ? handlerScope(handler) : body)));
}

/** The same question for one node, with the names its scope owns. */
export function appliesIn(file: SourceFile, node: SyntaxNode, owned: Owned): boolean {
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
export interface Owned {
  locals: Set<string>;
  params: Set<string>;
}

/**
 * What a body owns: its own declarations (including range and receive variables) and, separately, the
 * parameters of its function (a method's receiver excluded: `s.cfg = next` is shared state). Anything else it
 * writes — captured variables, package variables — is shared.
 */
export function ownedBy(body: SyntaxNode): Owned {
  const locals = new Set<string>();
  const params = new Set<string>();
  const add = (n: SyntaxNode | null | undefined) => n && n.type === 'identifier' && locals.add(n.text);
  for (const decl of findAll(body, ['short_var_declaration', 'range_clause', 'receive_statement'])) {
    for (const n of decl.childForFieldName('left')?.namedChildren ?? []) add(n);
  }
  for (const spec of findAll(body, 'var_spec')) for (const n of fieldChildren(spec, 'name')) add(n);
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
export function handlerScope(handler: ReloadHandler): SyntaxNode {
  if (handler.scope === 'function') return handler.body;
  return enclosingTopLevelFunction(handler.anchor)?.childForFieldName('body') ?? handler.body;
}
