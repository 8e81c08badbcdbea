/**
 * Per-file facts behind the coupling score: which packages of the same module a file imports, how many calls
 * it makes into them, which database handles it declares, uses or hands to other domains, and which tables its
 * SQL literals name. Plain data only, so the workspace index can keep it without the syntax tree.
 */
import type { Settings } from './config';
import { domainOf } from './domains';
import type { FactCollector } from './collectors';
import { FUNCTION_TYPES, parametersOf, stringValue, walk } from './go-ast';
import type { SyntaxNode } from './parser';
import type { FileLocation } from './rule';
import type { SourceFile } from './source';

export interface CouplingFacts {
  /** Module-relative directories of the module's own packages this file imports. */
  imports: string[];
  /** Qualified calls `pkg.F(...)` into the module's own packages, by target directory. */
  callsByDir: Record<string, number>;
  /** Calls that stay inside the package: unqualified calls `f(...)` of non-builtins and `recv.M(...)` on a method's receiver. */
  localCalls: number;
  /** Package-level database handles declared here (`var DB *sql.DB`, `var db, _ = sql.Open(...)`). */
  handles: string[];
  /** Exported names read from the module's own packages (`store.DB`), candidates for handle uses. */
  refs: { dir: string; name: string }[];
  /** Handles handed to another package's function (`user.NewRepo(db)`): handle key and target directory. */
  passes: { handle: string; dir: string }[];
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

/** Tables named by a string literal that reads as a SQL statement. */
export function sqlTables(text: string): string[] {
  if (!SQL_START.test(text)) return [];
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

/** Names bound to a database handle by a `var` spec, a `:=` or an `=`: typed as one or assigned from an opener. */
function boundHandles(file: SourceFile, node: SyntaxNode): string[] {
  if (node.type === 'var_spec') {
    const names = node.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
    if (isHandleType(file, node.childForFieldName('type'))) return names.map((n) => n.text);
    const value = node.childForFieldName('value')?.namedChild(0);
    return isOpenCall(file, value) && names[0] ? [names[0].text] : [];
  }
  if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
    const first = node.childForFieldName('left')?.namedChild(0);
    const value = node.childForFieldName('right')?.namedChild(0);
    return first?.type === 'identifier' && isOpenCall(file, value) ? [first.text] : [];
  }
  return [];
}

/** Per function: a key naming it, the handle variables in scope, and the method receiver's name. */
interface Scope {
  key: string;
  names: Set<string>;
  receiver?: string;
}

/** Collects the coupling facts of one non-test file; test files wire domains together on purpose. */
export function collectCouplingFacts(file: SourceFile, settings: Settings, location: FileLocation): CouplingFacts | undefined {
  if (file.isTest) return undefined;
  const dirByLocal = new Map<string, string>();
  const imports: string[] = [];
  for (const spec of file.imports) {
    const dir = internalDir(spec.path, location.modulePath);
    if (dir === undefined || dir === location.packageDir) continue;
    imports.push(dir);
    if (spec.localName !== '_' && spec.localName !== '.') dirByLocal.set(spec.localName, dir);
  }

  const facts: CouplingFacts = { imports, callsByDir: {}, localCalls: 0, handles: [], refs: [], passes: [], tables: [] };
  const refs = new Set<string>();
  const passes = new Set<string>();
  const tables = new Set<string>();
  const ownKey = (name: string) => `${location.modulePath}|${location.packageDir}.${name}`;

  for (const decl of file.root.namedChildren) {
    if (decl?.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) if (spec) facts.handles.push(...boundHandles(file, spec));
  }
  const packageHandles = new Set(facts.handles);

  /** Handle names in scope of each function, keyed by function node id, innermost function wins. */
  const scopes = new Map<number, Scope>();
  const scopeOf = (node: SyntaxNode): Scope | undefined => {
    for (let current: SyntaxNode | null = node; current; current = current.parent) {
      const scope = scopes.get(current.id);
      if (scope) return scope;
    }
    return undefined;
  };
  const handleKey = (node: SyntaxNode): string | undefined => {
    if (node.type === 'identifier') {
      const scope = scopeOf(node);
      if (scope?.names.has(node.text)) return `${location.path}#${scope.key}.${node.text}`;
      if (packageHandles.has(node.text)) return ownKey(node.text);
      return undefined;
    }
    if (node.type === 'selector_expression') {
      const operand = node.childForFieldName('operand');
      const dir = operand?.type === 'identifier' ? dirByLocal.get(operand.text) : undefined;
      if (dir !== undefined) return `${location.modulePath}|${dir}.${node.childForFieldName('field')?.text ?? ''}`;
    }
    return undefined;
  };

  walk(file.root, (node) => {
    if ((FUNCTION_TYPES as readonly string[]).includes(node.type)) {
      const outer = scopeOf(node);
      const names = new Set(outer?.names ?? []);
      for (const param of parametersOf(node)) {
        // A named parameter's node is its name; the declaration around it holds the type.
        const declaration = param.node.type === 'identifier' ? param.node.parent : null;
        if (param.name && isHandleType(file, declaration?.childForFieldName('type') ?? null)) names.add(param.name);
      }
      const key = node.childForFieldName('name')?.text ?? `${outer?.key ?? 'func'}@${node.startPosition.row + 1}`;
      const receiver = node.type === 'method_declaration' ? parametersOf(node)[0]?.name : outer?.receiver;
      scopes.set(node.id, { key, names, receiver });
      return true;
    }
    if (node.type === 'var_spec' || node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const scope = scopeOf(node);
      if (scope) for (const name of boundHandles(file, node)) scope.names.add(name);
      return true;
    }
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      if (callee?.type === 'identifier' && !BUILTINS.has(callee.text)) facts.localCalls++;
      if (callee?.type === 'selector_expression') {
        const operand = callee.childForFieldName('operand');
        if (operand?.type === 'identifier' && operand.text === scopeOf(node)?.receiver) facts.localCalls++;
        const dir = operand?.type === 'identifier' ? dirByLocal.get(operand.text) : undefined;
        if (dir !== undefined) {
          facts.callsByDir[dir] = (facts.callsByDir[dir] ?? 0) + 1;
          for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
            if (!arg) continue;
            for (const candidate of [arg, ...arg.descendantsOfType(['identifier', 'selector_expression'])]) {
              const key = candidate && handleKey(candidate);
              if (key) passes.add(`${key}\n${dir}`);
            }
          }
        }
      }
      return true;
    }
    if (node.type === 'selector_expression') {
      const operand = node.childForFieldName('operand');
      const field = node.childForFieldName('field')?.text ?? '';
      const dir = operand?.type === 'identifier' ? dirByLocal.get(operand.text) : undefined;
      const called = node.parent?.type === 'call_expression' && node.parent.childForFieldName('function')?.id === node.id;
      if (dir !== undefined && !called && /^[A-Z]/.test(field)) refs.add(`${dir}\n${field}`);
      return true;
    }
    if (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal') {
      for (const table of sqlTables(stringValue(node) ?? '')) tables.add(table);
      return false;
    }
    return true;
  });

  facts.refs = [...refs].map((r) => {
    const [dir, name] = r.split('\n');
    return { dir, name };
  });
  facts.passes = [...passes].map((p) => {
    const [handle, dir] = p.split('\n');
    return { handle, dir };
  });
  facts.tables = [...tables].sort();
  return facts;
}

/** Registered in collectors.ts so every front end that indexes files keeps these facts. */
export const couplingCollector: FactCollector<CouplingFacts> = {
  id: COUPLING_FACTS_ID,
  collect: collectCouplingFacts,
};

/** The domain of a module-relative package directory, as the coupling score groups it. */
export function domainOfDir(dir: string, settings: Settings): string {
  return domainOf(dir, settings);
}
