/**
 * Per-file facts behind the coupling score: which packages of the same module a file imports, how many calls
 * it makes into them, which database handles it declares, uses or hands to other domains, and which tables its
 * SQL literals name. Plain data only, so the workspace index can keep it without the syntax tree.
 */
import { fieldChildren } from '../go/syntax';
import type { Settings } from '../engine/config';
import type { FactCollector } from '../engine/collectors';
import { findAll, findAllWithin, parametersOf, stringValue } from '../go/syntax';
import type { SyntaxNode } from '../go/parser';
import type { FileLocation } from '../engine/rule';
import type { SourceFile } from '../go/source';

export interface CouplingFacts {
  /** Module-relative directories of the module's own packages this file imports. */
  imports: string[];
  /** Qualified calls `pkg.F(...)` into the module's own packages, by target directory. */
  callsByDir: Record<string, number>;
  /** Calls that stay inside the package: unqualified calls `f(...)` of non-builtins and `recv.M(...)` on a method's receiver. */
  localCalls: number;
  /**
   * Package-level database handles declared here (`var DB *sql.DB`, `var db, _ = sql.Open(...)`); `via` names
   * the module function the value came from (`dir.Open`) when only that function's result type can tell.
   */
  handles: { name: string; via?: string }[];
  /** Functions declared here that return a database handle (`func Open(dsn string) (*sql.DB, error)`). */
  openers: string[];
  /** Exported names read from the module's own packages (`store.DB`), candidates for handle uses. */
  refs: { dir: string; name: string }[];
  /** Handles handed to another package's function (`user.NewRepo(db)`): handle key, target directory, `via` as above. */
  passes: { handle: string; dir: string; via?: string }[];
  /** Table names in SQL string literals, lower-cased. */
  tables: string[];
}

/** The collector id; the coupling score reads `summary.facts[COUPLING_FACTS_ID]`. */
export const COUPLING_FACTS_ID = '$coupling';

/** Constructors returning a database handle, by import path. */
const HANDLE_OPENERS: Record<string, string[]> = {
  'database/sql': ['Open', 'OpenDB'],
  'github.com/jmoiron/sqlx': ['Open', 'Connect', 'ConnectContext', 'MustOpen', 'MustConnect', 'NewDb'],
  'gorm.io/gorm': ['Open'],
  'github.com/jinzhu/gorm': ['Open'],
};

/** How far into a call's text the quick reading looks. */
const SIMPLE_CALL_READ = 160;
/** `name(` or `name.method(` at the start of a call: its function is that identifier or selector. */
const SIMPLE_CALL = /^([\p{L}_][\p{L}\p{N}_]*)(?:[ \t]*\.\s*([\p{L}_][\p{L}\p{N}_]*))?[ \t]*\(/u;
/** An identifier and a dot at the start of a selector: its operand is that identifier or begins with it. */
const LEADING_OPERAND = /^([\p{L}_][\p{L}\p{N}_]*)[ \t]*\./u;

/** Go's predeclared functions and conversions: calls of these say nothing about the package's own code. */
const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic',
  'print', 'println', 'real', 'recover', 'bool', 'byte', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int',
  'int8', 'int16', 'int32', 'int64', 'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'any',
]);

const SQL_START = /^\s*(select|insert|update|delete|with|replace)\s/i;
const SQL_TABLE = /\b(?:from|join|into|update)\s+[`"]?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)?)[`"]?/gi;
/** SQL keywords that may follow FROM, and English words that betray prose starting with "select" or "update". */
const SQL_NOT_TABLES = new Set(['select', 'set', 'where', 'values', 'lateral', 'unnest', 'dual', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'them', 'my', 'your', 'our', 'its']);

/**
 * The module-relative directory of an import path when it names a package of the file's own module.
 * The standard library is the module `std` whose import paths carry no module prefix.
 */
export function internalDir(importPath: string, modulePath: string): string | undefined {
  if (!modulePath) return undefined;
  if (modulePath === 'std') return importPath.split('/')[0].includes('.') ? undefined : importPath;
  if (importPath === modulePath) return '';
  return importPath.startsWith(modulePath + '/') ? importPath.slice(modulePath.length + 1) : undefined;
}

/** Statement shapes, so that prose such as "update packages to use new APIs" is not taken for SQL. */
const SQL_STATEMENT = [
  /^\s*select\s[\s\S]*\sfrom\s/i,
  /^\s*(insert|replace)\s+(ignore\s+)?into\s/i,
  /^\s*update\s+[`"]?[\w.]+[`"]?\s+set\s/i,
  /^\s*delete\s+from\s/i,
  /^\s*with\s+(recursive\s+)?\w+\s+as\s*\(/i,
];

/** Tables named by a string literal that reads as a SQL statement. */
export function sqlTables(text: string): string[] {
  if (!SQL_START.test(text) || !SQL_STATEMENT.some((shape) => shape.test(text))) return [];
  const tables = new Set<string>();
  for (const match of text.matchAll(SQL_TABLE)) {
    const name = match[1].toLowerCase();
    if (!SQL_NOT_TABLES.has(name)) tables.add(name);
  }
  return [...tables];
}

function isHandleType(file: SourceFile, typeNode: SyntaxNode | null): boolean {
  if (!typeNode || typeNode.type !== 'pointer_type') return false;
  const inner = typeNode.namedChild(0);
  if (!inner || inner.type !== 'qualified_type') return false;
  const pkg = inner.childForFieldName('package')?.text ?? '';
  const name = inner.childForFieldName('name')?.text ?? '';
  const path = file.importPathOf(pkg);
  return name === 'DB' && !!path && path in HANDLE_OPENERS;
}

function isOpenCall(file: SourceFile, node: SyntaxNode | null | undefined): boolean {
  if (!node || node.type !== 'call_expression') return false;
  const callee = node.childForFieldName('function');
  return Object.entries(HANDLE_OPENERS).some(([path, names]) => file.isPackageSelector(callee, [path], names));
}

/** A name bound to a database handle; `via` when the handle comes from a module function (`store.Open`). */
interface Bound {
  name: string;
  via?: string;
}

/** `dir.F` for a call `pkg.F(...)` of a package of this module, the way a handle may come out of a wrapper. */
function moduleCall(node: SyntaxNode | null | undefined, dirByLocal: ReadonlyMap<string, string>): string | undefined {
  if (node?.type !== 'call_expression') return undefined;
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'selector_expression') return undefined;
  const operand = callee.childForFieldName('operand');
  const dir = operand?.type === 'identifier' ? dirByLocal.get(operand.text) : undefined;
  return dir === undefined ? undefined : `${dir}.${callee.childForFieldName('field')?.text ?? ''}`;
}

/**
 * Names bound to a database handle by a `var` spec, a `:=` or an `=`: typed as one, assigned from an opener,
 * or assigned from a module function that may return one (decided when every file's openers are known).
 */
function boundHandles(file: SourceFile, node: SyntaxNode, dirByLocal: ReadonlyMap<string, string>): Bound[] {
  let first: SyntaxNode | null | undefined;
  let value: SyntaxNode | null | undefined;
  if (node.type === 'var_spec') {
    const names = fieldChildren(node, 'name').filter((n): n is SyntaxNode => !!n);
    if (isHandleType(file, node.childForFieldName('type'))) return names.map((n) => ({ name: n.text }));
    first = names[0];
    value = node.childForFieldName('value')?.namedChild(0);
  } else if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
    first = node.childForFieldName('left')?.namedChild(0);
    value = node.childForFieldName('right')?.namedChild(0);
  }
  if (first?.type !== 'identifier' || first.text === '_') return [];
  if (isOpenCall(file, value)) return [{ name: first.text }];
  const via = moduleCall(value, dirByLocal);
  return via ? [{ name: first.text, via }] : [];
}

/** True when a function's results include a database handle. */
function returnsHandle(file: SourceFile, fn: SyntaxNode): boolean {
  const result = fn.childForFieldName('result');
  if (!result) return false;
  return isHandleType(file, result) || result.descendantsOfType('pointer_type').some((t) => isHandleType(file, t));
}

/**
 * True when a literal's value starts with an SQL verb. Reads a window of the file text after the opening quote
 * instead of the node's text: files of string data hold literals by the thousand.
 */
function startsLikeSql(text: string, literal: SyntaxNode): boolean {
  const head = text.slice(literal.startIndex + 1, literal.startIndex + 257);
  if (SQL_START.test(head)) return true;
  // Only a run of leading whitespace longer than the window needs the whole literal.
  return !/\S/.test(head) && SQL_START.test(literal.text.slice(1));
}

/** A top-level function or method: its byte span, a key naming it, its receiver and the handle names it binds. */
interface FunctionSpan {
  start: number;
  end: number;
  key: string;
  receiver?: string;
  handles: Map<string, string | undefined>;
}

/** The top-level function holding a byte offset (top-level declarations never nest, so a binary search works). */
function spanAt(spans: readonly FunctionSpan[], offset: number): FunctionSpan | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < spans[mid].start) high = mid - 1;
    else if (offset >= spans[mid].end) low = mid + 1;
    else return spans[mid];
  }
  return undefined;
}

/**
 * Collects the coupling facts of one non-test file; test files wire domains together on purpose.
 * The server runs it whenever typing pauses; the calls, selectors and literals it reads come from the
 * whole-tree searches the rules share, so it adds no walk of its own.
 */
export function collectCouplingFacts(
  file: SourceFile,
  settings: Settings,
  location: FileLocation,
  /** Read the plainest calls and selectors from the text (the default); false asks the tree about each (tests compare). */
  quick = true,
): CouplingFacts | undefined {
  if (file.isTest) return undefined;
  const dirByLocal = new Map<string, string>();
  const imports: string[] = [];
  for (const spec of file.imports) {
    const dir = internalDir(spec.path, location.modulePath);
    if (dir === undefined || dir === location.packageDir) continue;
    imports.push(dir);
    if (spec.localName !== '_' && spec.localName !== '.') dirByLocal.set(spec.localName, dir);
  }
  const facts: CouplingFacts = { imports, callsByDir: {}, localCalls: 0, handles: [], openers: [], refs: [], passes: [], tables: [] };
  const root = file.root;
  const mayHoldHandles = file.imports.some((spec) => spec.path in HANDLE_OPENERS);

  const spans: FunctionSpan[] = [];
  for (const decl of root.namedChildren) {
    if (!decl) continue;
    if (decl.type === 'var_declaration' && (mayHoldHandles || dirByLocal.size > 0)) {
      for (const spec of decl.descendantsOfType('var_spec')) if (spec) facts.handles.push(...boundHandles(file, spec, dirByLocal));
    }
    if (decl.type !== 'function_declaration' && decl.type !== 'method_declaration') continue;
    if (mayHoldHandles && decl.type === 'function_declaration' && returnsHandle(file, decl)) facts.openers.push(decl.childForFieldName('name')?.text ?? '');
    const params = parametersOf(decl);
    const span: FunctionSpan = {
      start: decl.startIndex,
      end: decl.endIndex,
      key: decl.childForFieldName('name')?.text ?? '',
      receiver: decl.type === 'method_declaration' ? params[0]?.name || undefined : undefined,
      handles: new Map(),
    };
    if (mayHoldHandles) {
      for (const param of params) {
        // A named parameter's node is its name; the declaration around it holds the type.
        const declaration = param.node.type === 'identifier' ? param.node.parent : null;
        if (param.name && isHandleType(file, declaration?.childForFieldName('type') ?? null)) span.handles.set(param.name, undefined);
      }
    }
    if (mayHoldHandles || dirByLocal.size > 0) {
      for (const binding of findAllWithin(decl, ['var_spec', 'short_var_declaration', 'assignment_statement'])) {
        for (const bound of boundHandles(file, binding, dirByLocal)) span.handles.set(bound.name, bound.via);
      }
    }
    spans.push(span);
  }
  const packageHandles = new Map(facts.handles.map((h) => [h.name, h.via]));

  /** The handle an argument may be: its key and, for values from module functions, which function must return one. */
  const handleOf = (node: SyntaxNode): { key: string; via?: string } | undefined => {
    if (node.type === 'identifier') {
      const span = spanAt(spans, node.startIndex);
      if (span?.handles.has(node.text)) return { key: `${location.path}#${span.key}.${node.text}`, via: span.handles.get(node.text) };
      if (packageHandles.has(node.text)) return { key: `${location.modulePath}|${location.packageDir}.${node.text}` };
      return undefined;
    }
    const operand = node.childForFieldName('operand');
    const dir = operand?.type === 'identifier' ? dirByLocal.get(operand.text) : undefined;
    return dir === undefined ? undefined : { key: `${location.modulePath}|${dir}.${node.childForFieldName('field')?.text ?? ''}` };
  };

  const candidatesIn = (args: SyntaxNode): SyntaxNode[] => {
    const found: SyntaxNode[] = [];
    for (const arg of args.namedChildren) {
      if (!arg) continue;
      if (arg.type === 'selector_expression' || arg.type === 'identifier') found.push(arg);
      else if (arg.type === 'composite_literal' || arg.type === 'unary_expression') {
        for (const inner of arg.descendantsOfType(['identifier', 'selector_expression'])) if (inner) found.push(inner);
      }
    }
    return found;
  };

  const passes = new Set<string>();
  const refs = new Set<string>();
  const tables = new Set<string>();
  const calleeOperands = new Set<number>();
  const calls = findAll(root, 'call_expression');
  const text = file.text;
  for (let n = 0; n < calls.length; n++) {
    const call = calls[n];
    // Most calls are `f(...)` or `x.m(...)`, and every question to the tree costs a trip into WASM: read those
    // from the text. A call that begins where another one nested in it begins (`f(a)(b)`), or any other shape,
    // is asked of the tree.
    const simple = !quick || calls[n + 1]?.startIndex === call.startIndex ? null : SIMPLE_CALL.exec(text.slice(call.startIndex, call.startIndex + SIMPLE_CALL_READ));
    if (simple && simple[1] !== 'func') {
      const [, name, method] = simple;
      if (method === undefined) {
        if (!BUILTINS.has(name)) facts.localCalls++;
        continue;
      }
      if (!dirByLocal.has(name)) {
        calleeOperands.add(call.startIndex);
        if (spans.length > 0 && name === spanAt(spans, call.startIndex)?.receiver) facts.localCalls++;
        continue;
      }
    }
    const callee = call.childForFieldName('function');
    if (callee?.type === 'identifier') {
      if (!BUILTINS.has(callee.text)) facts.localCalls++;
      continue;
    }
    if (callee?.type !== 'selector_expression') continue;
    const operand = callee.childForFieldName('operand');
    const args = call.childForFieldName('arguments');
    if (operand?.type !== 'identifier' || callee.childForFieldName('field')?.type !== 'field_identifier' || args?.type !== 'argument_list') continue;
    calleeOperands.add(operand.startIndex);
    const dir = dirByLocal.get(operand.text);
    if (dir === undefined) {
      if (spans.length > 0 && operand.text === spanAt(spans, operand.startIndex)?.receiver) facts.localCalls++;
      continue;
    }
    facts.callsByDir[dir] = (facts.callsByDir[dir] ?? 0) + 1;
    for (const candidate of candidatesIn(args)) {
      const handle = handleOf(candidate);
      if (handle) passes.add(`${handle.key}\n${dir}\n${handle.via ?? ''}`);
    }
  }
  // A selector that is not a callee refers to another package's exported name (a type, a variable, a constant).
  if (dirByLocal.size > 0) {
    for (const selector of findAll(root, 'selector_expression')) {
      // `x.Name` with x not an import of the module: no reference, whatever the tree would add.
      const leading = quick ? LEADING_OPERAND.exec(text.slice(selector.startIndex, selector.startIndex + SIMPLE_CALL_READ)) : null;
      if (leading && !dirByLocal.has(leading[1])) continue;
      const operand = selector.childForFieldName('operand');
      const field = selector.childForFieldName('field');
      if (operand?.type !== 'identifier' || field?.type !== 'field_identifier' || calleeOperands.has(operand.startIndex)) continue;
      const dir = dirByLocal.get(operand.text);
      if (dir !== undefined && /^[A-Z]/.test(field.text)) refs.add(`${dir}\n${field.text}`);
    }
  }
  for (const literal of findAll(root, ['interpreted_string_literal', 'raw_string_literal'])) {
    if (!startsLikeSql(file.text, literal)) continue;
    for (const table of sqlTables(stringValue(literal) ?? '')) tables.add(table);
  }

  facts.refs = [...refs].map((r) => {
    const [dir, name] = r.split('\n');
    return { dir, name };
  });
  facts.passes = [...passes].map((p) => {
    const [handle, dir, via] = p.split('\n');
    return via ? { handle, dir, via } : { handle, dir };
  });
  facts.tables = [...tables].sort();
  return facts;
}

/** Registered in collectors.ts so every front end that indexes files keeps these facts. */
export const couplingCollector: FactCollector<CouplingFacts> = {
  id: COUPLING_FACTS_ID,
  collect: (file, settings, location) => collectCouplingFacts(file, settings, location),
};
