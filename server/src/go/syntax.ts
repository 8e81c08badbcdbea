/** Small, reusable questions about Go syntax trees that several rules ask. */
import type { SyntaxNode } from './parser';
import { searchWholeTree } from './node-search';
import type { Resolver } from './resolver';
import type { SourceFile } from './source';
import { GoType, namedParts, typeShape } from './types';

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
  /** The function or closure whose parameter provides it (closures capture their parents' parameters). */
  owner: SyntaxNode;
}

const GIN_PATH = 'github.com/gin-gonic/gin';
const ECHO_PATHS = ['github.com/labstack/echo/v4', 'github.com/labstack/echo'];
const ORDER: ContextSource['kind'][] = ['context', 'http-request', 'gin', 'echo'];

/**
 * The context a call at `node` should use: a parameter whose type resolves to `context.Context` (or an interface
 * that embeds it), else one derived from a request (`*http.Request`, `*gin.Context`, `echo.Context`), searching
 * the enclosing functions outwards because closures capture their parents' parameters. Types come from the
 * resolver, so import aliases and type aliases count and a look-alike type of the same name does not.
 */
export function contextInScope(types: Resolver, node: SyntaxNode): ContextSource | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    let best: ContextSource | null = null;
    for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')]) {
      for (const decl of list?.namedChildren ?? []) {
        if (decl?.type !== 'parameter_declaration') continue;
        const name = fieldChildren(decl, 'name').find((n) => n.text !== '_');
        if (!name) continue;
        const kind = contextKindOf(types, types.typeOfTypeNode(decl.childForFieldName('type')));
        if (!kind || (best && ORDER.indexOf(best.kind) <= ORDER.indexOf(kind))) continue;
        best = { expression: contextExpression(kind, name.text), kind, owner: fn };
      }
    }
    if (best) return best;
  }
  return null;
}

function contextExpression(kind: ContextSource['kind'], name: string): string {
  switch (kind) {
    case 'context':
      return name;
    case 'http-request':
      return `${name}.Context()`;
    case 'gin':
      return `${name}.Request.Context()`;
    case 'echo':
      return `${name}.Request().Context()`;
  }
}

/**
 * A local variable holding a context (`ctx, cancel := context.WithTimeout(r.Context(), d)`) visible at `node`:
 * the innermost, latest declared, unless a later declaration of the same name hides it. Null when none.
 */
export function contextVariableAt(types: Resolver, node: SyntaxNode): SyntaxNode | null {
  const at = node.startIndex;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const visible = new Map<string, { node: SyntaxNode; start: number }>();
    for (const holder of findAllWithin(fn, ['short_var_declaration', 'var_spec'])) {
      if (holder.startIndex >= at) break;
      const names = holder.type === 'var_spec' ? fieldChildren(holder, 'name') : holder.childForFieldName('left')?.namedChildren ?? [];
      for (const name of names) {
        if (name?.type !== 'identifier' || name.text === '_') continue;
        const decl = types.localDeclOf(name);
        if (!decl || decl.scopeStart > at || at >= decl.scopeEnd) continue;
        const seen = visible.get(name.text);
        if (!seen || decl.scopeStart >= seen.start) visible.set(name.text, { node: name, start: decl.scopeStart });
      }
    }
    let best: { node: SyntaxNode; start: number } | null = null;
    for (const candidate of visible.values()) {
      if (isContextType(types, types.typeOf(candidate.node)) && (!best || candidate.start > best.start)) best = candidate;
    }
    if (best) return best.node;
  }
  return null;
}

/** What a parameter of this type offers as a context, after type aliases. */
export function contextKindOf(types: Resolver, type: GoType | null): ContextSource['kind'] | null {
  const resolved = type ? unalias(types, type) : null;
  const parts = namedParts(resolved);
  if (!resolved || !parts) return null;
  if (!parts.pointer && CONTEXT_PACKAGES.includes(parts.pkg) && parts.name === 'Context') return 'context';
  if (parts.pointer && parts.pkg === 'net/http' && parts.name === 'Request') return 'http-request';
  if (parts.pointer && parts.pkg === GIN_PATH && parts.name === 'Context') return 'gin';
  if (!parts.pointer && ECHO_PATHS.includes(parts.pkg) && parts.name === 'Context') return 'echo';
  if (parts.pointer) return null;
  // `type Context interface { context.Context; UserID() string }` is a context wherever one is wanted.
  const underlying = types.typeDecl(resolved)?.underlying;
  const shape = underlying ? typeShape(underlying) : null;
  return shape?.kind === 'interface' && shape.embeds.some((e) => isContextType(types, e)) ? 'context' : null;
}

/** True when a type is `context.Context` (or `golang.org/x/net/context`'s), through type aliases. */
export function isContextType(types: Resolver, type: GoType | null | undefined): boolean {
  const parts = namedParts(type ? unalias(types, type) : null);
  return !!parts && !parts.pointer && CONTEXT_PACKAGES.includes(parts.pkg) && parts.name === 'Context';
}

/** A type with its aliases replaced by what they stand for (`type Ctx = context.Context` → context.Context). */
export function unalias(types: Resolver, type: GoType): GoType | null {
  let current = type;
  for (let hops = 0; hops < 8; hops++) {
    const parts = namedParts(current);
    if (!parts || !parts.pkg) return current;
    const entry = types.index.lookupType(parts.pkg, parts.name);
    if (!entry?.startsWith('=')) return current;
    current = (parts.pointer ? '*' : '') + entry.slice(1);
    if (current.startsWith('**')) return null;
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
