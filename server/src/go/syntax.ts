/** Small, reusable questions about Go syntax trees that several rules ask. */
import type { SyntaxNode } from './parser';
import { searchWholeTree } from './node-search';
import type { SourceFile } from './source';

export const FUNCTION_TYPES = ['function_declaration', 'method_declaration', 'func_literal'] as const;

/** Visits every node below `root` depth-first; return false from `visit` to skip a subtree. */
export function walk(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  if (root.hasError) return cursorWalk(root, visit);
  // An error-free subtree comes out of WASM in one call, in the same pre-order as the cursor walk; a skipped
  // subtree is every following node that starts before its end.
  const nodes = root.descendantsOfType(allNodeTypes(root));
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (visit(node) !== false) continue;
    const end = node.endIndex;
    while (i + 1 < nodes.length) {
      const next = nodes[i + 1]!;
      if (next.startIndex < end || (next.startIndex === end && next.endIndex === end && isInside(next, node))) i++;
      else break;
    }
  }
}

const nodeTypes = new WeakMap<object, string[]>();

/**
 * Every node type name of the grammar. ERROR is left out on purpose: web-tree-sitter puts its symbol first,
 * which breaks the sorted lookup in WASM, so trees with errors take the cursor walk instead.
 */
function allNodeTypes(node: SyntaxNode): string[] {
  const language = node.tree.language;
  let types = nodeTypes.get(language);
  if (!types) {
    types = [...new Set(language.types.filter((t): t is string => typeof t === 'string' && t.length > 0))];
    nodeTypes.set(language, types);
  }
  return types;
}

function isInside(node: SyntaxNode, outer: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.id === outer.id) return true;
  return false;
}

/** The general walk, node by node with a tree cursor; it copes with ERROR and MISSING nodes. */
function cursorWalk(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const cursor = root.walk();
  let descend = true;
  for (;;) {
    if (descend && visit(cursor.currentNode) !== false && cursor.gotoFirstChild()) continue;
    descend = true;
    if (cursor.gotoNextSibling()) continue;
    let climbed = false;
    while (cursor.gotoParent()) {
      if (cursor.currentNode.id === root.id) break;
      if (cursor.gotoNextSibling()) {
        climbed = true;
        break;
      }
    }
    if (!climbed) break;
  }
  cursor.delete();
}

/** All nodes of the given types below `root` (inclusive), in source order. */
export function findAll(root: SyntaxNode, types: string | readonly string[]): SyntaxNode[] {
  return matches(root, types).slice();
}

/**
 * `findAll` within `node`, answered from the whole tree's matches: for rules that look inside every function of
 * a file, one search of the tree replaces one search per function.
 */
export function findAllWithin(node: SyntaxNode, types: string | readonly string[]): SyntaxNode[] {
  const all = matches(node.tree.rootNode, types);
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (all[mid].startIndex < node.startIndex) low = mid + 1;
    else high = mid;
  }
  const found: SyntaxNode[] = [];
  for (let i = low; i < all.length && all[i].startIndex < node.endIndex; i++) {
    if (all[i].endIndex <= node.endIndex) found.push(all[i]);
  }
  return found;
}

/**
 * The file's go statements. Text without the word `go` holds none and is not searched: that spares a walk of
 * big data files, which goroutine rules and the checklist would otherwise pay on every keystroke.
 */
export function goStatements(file: SourceFile): SyntaxNode[] {
  return /\bgo\b/.test(file.text) ? findAll(file.root, 'go_statement') : [];
}

/** The identifiers below `root` with one of the given names, by name: one search for several names. */
export function identifiersByName(root: SyntaxNode, names: ReadonlySet<string>): Map<string, SyntaxNode[]> {
  const byName = new Map<string, SyntaxNode[]>();
  if (names.size === 0) return byName;
  for (const id of findAllWithin(root, 'identifier')) {
    const name = id.text;
    if (names.has(name)) byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  return byName;
}

/** Import paths whose `Background`/`TODO`/`With*` are the standard context functions (x/net/context aliases them). */
export const CONTEXT_PACKAGES = ['context', 'golang.org/x/net/context'];

/** The matches of `types` below `root`, in document order; shared, so callers must not change the array. */
function matches(root: SyntaxNode, types: string | readonly string[]): readonly SyntaxNode[] {
  const wanted = typeof types === 'string' ? [types] : types;
  // Many rules ask a whole file for the same types (a dozen ask for every call): answer those once per tree.
  if (root.parent === null) return searchWholeTree(root.tree, wanted);
  // One call into WASM that hands back only the matches: a JS-side walk marshals every node and costs
  // several times more, which the language server pays on every keystroke.
  return root.descendantsOfType(wanted as string[]).filter((node): node is SyntaxNode => node !== null);
}

/** The nearest ancestor of one of the given types. */
export function ancestor(node: SyntaxNode, types: string | readonly string[]): SyntaxNode | null {
  const wanted = typeof types === 'string' ? [types] : types;
  for (let current = node.parent; current; current = current.parent) {
    if (wanted.includes(current.type)) return current;
  }
  return null;
}

/** The function, method or closure whose body holds `node`. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  return ancestor(node, FUNCTION_TYPES);
}

/** The outermost function declaration holding `node` (through any closures). */
export function enclosingTopLevelFunction(node: SyntaxNode): SyntaxNode | null {
  let top: SyntaxNode | null = null;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) top = fn;
  return top;
}

/** The name of a function or method declaration, '' for closures. */
export function functionName(fn: SyntaxNode): string {
  return fn.childForFieldName('name')?.text ?? '';
}

/** The statement that holds `node` directly inside a block's statement list. */
export function enclosingStatement(node: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode | null = node;
  while (current && current.parent) {
    const parentType = current.parent.type;
    if (parentType === 'statement_list' || parentType === 'block') return current;
    current = current.parent;
  }
  return null;
}

/** For `a.b.Method(args)`: the receiver expression, the method name and the arguments node. */
export interface MethodCall {
  call: SyntaxNode;
  receiver: SyntaxNode;
  method: string;
  methodNode: SyntaxNode;
  args: SyntaxNode[];
}

export function asMethodCall(call: SyntaxNode): MethodCall | null {
  if (call.type !== 'call_expression') return null;
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'selector_expression') return null;
  const receiver = fn.childForFieldName('operand');
  const methodNode = fn.childForFieldName('field');
  if (!receiver || !methodNode) return null;
  return { call, receiver, method: methodNode.text, methodNode, args: callArguments(call) };
}

export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  return list ? (list.namedChildren.filter((n) => n && n.type !== 'comment') as SyntaxNode[]) : [];
}

/** A parameter of a function: its name ('' when unnamed) and the source text of its type. */
export interface Param {
  name: string;
  type: string;
  node: SyntaxNode;
}

export function parametersOf(fn: SyntaxNode): Param[] {
  const params: Param[] = [];
  const lists = [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')];
  for (const list of lists) {
    if (!list) continue;
    for (const decl of list.namedChildren) {
      if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
      const type = decl.childForFieldName('type')?.text ?? '';
      const names = fieldChildren(decl, 'name').filter((n): n is SyntaxNode => !!n);
      if (names.length === 0) params.push({ name: '', type, node: decl });
      for (const name of names) params.push({ name: name.text, type, node: name });
    }
  }
  return params;
}

/** True in `func main()` or `func init()` of package main. */
export function isInMainOrInit(file: SourceFile, node: SyntaxNode): boolean {
  const fn = enclosingTopLevelFunction(node);
  if (!fn || fn.type !== 'function_declaration') return false;
  const name = functionName(fn);
  return file.packageName === 'main' && (name === 'main' || name === 'init');
}

/** A context expression available at `node`, and how it was found. */
export interface ContextSource {
  /** Go expression for the context, e.g. `ctx`, `r.Context()`, `c.Request.Context()`. */
  expression: string;
  kind: 'context' | 'http-request' | 'gin' | 'echo';
}

/**
 * The context a call at `node` should use: a `context.Context` parameter, else one derived from a request
 * (`*http.Request`, `*gin.Context`, `echo.Context`), searching the enclosing functions outwards because
 * closures capture their parents' parameters.
 */
export function contextInScope(file: SourceFile, node: SyntaxNode): ContextSource | null {
  const contextPkg = file.localNameOf('context');
  const httpPkg = file.localNameOf('net/http');
  const ginPkg = file.localNameOf('github.com/gin-gonic/gin');
  const echoPkg = file.localNameOf('github.com/labstack/echo/v4') ?? file.localNameOf('github.com/labstack/echo');
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const params = parametersOf(fn).filter((p) => p.name && p.name !== '_');
    const ctxParam = params.find((p) => contextPkg && p.type === `${contextPkg}.Context`);
    if (ctxParam) return { expression: ctxParam.name, kind: 'context' };
    const request = params.find((p) => httpPkg && p.type === `*${httpPkg}.Request`);
    if (request) return { expression: `${request.name}.Context()`, kind: 'http-request' };
    const gin = params.find((p) => ginPkg && p.type === `*${ginPkg}.Context`);
    if (gin) return { expression: `${gin.name}.Request.Context()`, kind: 'gin' };
    const echo = params.find((p) => echoPkg && p.type === `${echoPkg}.Context`);
    if (echo) return { expression: `${echo.name}.Request().Context()`, kind: 'echo' };
  }
  return null;
}

/** The text of a string literal without quotes, or null when the node is not a plain literal. */
export function stringValue(node: SyntaxNode | null | undefined): string | null {
  if (!node || (node.type !== 'interpreted_string_literal' && node.type !== 'raw_string_literal')) return null;
  return literalValue(node.text);
}

/** The value of a string literal's source text (`"..."` or a raw string), decoded as `stringValue` does. */
export function literalValue(source: string): string {
  if (source.startsWith('`')) return source.slice(1, -1);
  try {
    return JSON.parse(source) as string;
  } catch {
    return source.slice(1, -1);
  }
}

/**
 * True when `name` is declared in `fn` (parameter, named result, `:=`, `var`) before `before` starts.
 * Scopes are approximated by position, which is what a fix needs to avoid `undefined: err`.
 */
export function declaresBefore(fn: SyntaxNode, name: string, before: SyntaxNode): boolean {
  if (parametersOf(fn).some((p) => p.name === name)) return true;
  const result = fn.childForFieldName('result');
  if (result && result.descendantsOfType('identifier').some((n) => n?.text === name)) return true;
  let found = false;
  walk(fn, (node) => {
    if (found || node.startIndex >= before.startIndex) return false;
    if (node.type === 'short_var_declaration') {
      found = (node.childForFieldName('left')?.namedChildren ?? []).some((n) => n?.text === name);
    } else if (node.type === 'var_spec') {
      found = fieldChildren(node, 'name').some((n) => n?.text === name);
    }
    return !found;
  });
  return found;
}

/** `v, _ := f(...)`, `v, _ = f(...)` or `var v, _ = f(...)`: the holding statement, the value target and the `_`. */
export interface DiscardedSecondResult {
  holder: SyntaxNode;
  value: SyntaxNode;
  blank: SyntaxNode;
}

/** When the second of a call's two results (by convention its error) is assigned to `_`, the pieces involved. */
export function discardedSecondResult(call: SyntaxNode): DiscardedSecondResult | null {
  const right = call.parent;
  if (right?.type !== 'expression_list' || right.namedChildCount !== 1) return null;
  const holder = right.parent;
  if (!holder) return null;
  let targets: SyntaxNode[] = [];
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    targets = (holder.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
  } else if (holder.type === 'var_spec') {
    targets = fieldChildren(holder, 'name').filter((n): n is SyntaxNode => !!n);
  }
  if (targets.length !== 2 || targets[1].text !== '_') return null;
  return { holder, value: targets[0], blank: targets[1] };
}

/**
 * The named children of a field, without the commas and comments that web-tree-sitter hands back between
 * them (`a, b int` has two names, not three).
 */
export function fieldChildren(node: SyntaxNode | null | undefined, field: string): SyntaxNode[] {
  if (!node) return [];
  return node.childrenForFieldName(field).filter((n): n is SyntaxNode => !!n && n.isNamed && n.type !== 'comment');
}
