/**
 * Receiver-type evidence for database handles: which expressions a file shows to be `*sql.DB`, `*sql.Tx`,
 * `*sql.Conn`, `*sql.Stmt`, their sqlx counterparts or `*gorm.DB`. Only what the file itself declares counts
 * (parameter and variable types, struct fields, open calls, results of methods on known handles), so callers
 * can stay silent whenever the answer is unknown.
 */
import { fieldChildren } from '../../go/syntax';
import { FUNCTION_TYPES, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

/** The database libraries we know, by import path. */
export const DB_LIBRARIES = {
  'database/sql': 'sql',
  'github.com/jmoiron/sqlx': 'sqlx',
  'gorm.io/gorm': 'gorm',
  'github.com/jinzhu/gorm': 'gorm-v1',
} as const;

export type DbLibrary = (typeof DB_LIBRARIES)[keyof typeof DB_LIBRARIES];
export type DbKind = 'DB' | 'Tx' | 'Conn' | 'Stmt' | 'NamedStmt';

export interface DbHandleType {
  library: DbLibrary;
  kind: DbKind;
}

/** Package functions that return a pool handle first: `(handle, error)` or just `handle` for the Must forms. */
export const DB_OPEN_FUNCTIONS: Record<string, Record<string, DbHandleType>> = {
  'database/sql': { Open: h('sql', 'DB'), OpenDB: h('sql', 'DB') },
  'github.com/jmoiron/sqlx': {
    Open: h('sqlx', 'DB'),
    Connect: h('sqlx', 'DB'),
    ConnectContext: h('sqlx', 'DB'),
    NewDb: h('sqlx', 'DB'),
    MustOpen: h('sqlx', 'DB'),
    MustConnect: h('sqlx', 'DB'),
  },
  'gorm.io/gorm': { Open: h('gorm', 'DB') },
  'github.com/jinzhu/gorm': { Open: h('gorm-v1', 'DB') },
};

function h(library: DbLibrary, kind: DbKind): DbHandleType {
  return { library, kind };
}

const KINDS: Record<DbLibrary, readonly DbKind[]> = {
  sql: ['DB', 'Tx', 'Conn', 'Stmt'],
  sqlx: ['DB', 'Tx', 'Conn', 'Stmt', 'NamedStmt'],
  gorm: ['DB'],
  'gorm-v1': ['DB'],
};

/** What a method on a known handle returns first, when that is itself a handle. */
const METHOD_RESULTS: Record<string, Record<string, DbHandleType>> = {
  'sql.DB': { Begin: h('sql', 'Tx'), BeginTx: h('sql', 'Tx'), Prepare: h('sql', 'Stmt'), PrepareContext: h('sql', 'Stmt'), Conn: h('sql', 'Conn') },
  'sql.Tx': { Prepare: h('sql', 'Stmt'), PrepareContext: h('sql', 'Stmt'), Stmt: h('sql', 'Stmt'), StmtContext: h('sql', 'Stmt') },
  'sql.Conn': { BeginTx: h('sql', 'Tx'), PrepareContext: h('sql', 'Stmt') },
  'sqlx.DB': {
    Begin: h('sql', 'Tx'),
    BeginTx: h('sql', 'Tx'),
    Beginx: h('sqlx', 'Tx'),
    BeginTxx: h('sqlx', 'Tx'),
    MustBegin: h('sqlx', 'Tx'),
    MustBeginTx: h('sqlx', 'Tx'),
    Prepare: h('sql', 'Stmt'),
    PrepareContext: h('sql', 'Stmt'),
    Preparex: h('sqlx', 'Stmt'),
    PreparexContext: h('sqlx', 'Stmt'),
    PrepareNamed: h('sqlx', 'NamedStmt'),
    PrepareNamedContext: h('sqlx', 'NamedStmt'),
    Conn: h('sql', 'Conn'),
    Connx: h('sqlx', 'Conn'),
    Unsafe: h('sqlx', 'DB'),
  },
  'sqlx.Tx': {
    Prepare: h('sql', 'Stmt'),
    PrepareContext: h('sql', 'Stmt'),
    Preparex: h('sqlx', 'Stmt'),
    PreparexContext: h('sqlx', 'Stmt'),
    PrepareNamed: h('sqlx', 'NamedStmt'),
    PrepareNamedContext: h('sqlx', 'NamedStmt'),
    Stmtx: h('sqlx', 'Stmt'),
    StmtxContext: h('sqlx', 'Stmt'),
    NamedStmt: h('sqlx', 'NamedStmt'),
    NamedStmtContext: h('sqlx', 'NamedStmt'),
    Unsafe: h('sqlx', 'Tx'),
  },
  'gorm.DB': {
    DB: h('sql', 'DB'),
    WithContext: h('gorm', 'DB'),
    Session: h('gorm', 'DB'),
    Debug: h('gorm', 'DB'),
    Begin: h('gorm', 'DB'),
  },
  'gorm-v1.DB': { DB: h('sql', 'DB'), Begin: h('gorm-v1', 'DB') },
};

/** Fields of library types that are handles themselves: sqlx embeds the database/sql types. */
const LIBRARY_FIELDS: Record<string, Record<string, DbHandleType>> = {
  'sqlx.DB': { DB: h('sql', 'DB') },
  'sqlx.Tx': { Tx: h('sql', 'Tx') },
  'sqlx.Conn': { Conn: h('sql', 'Conn') },
  'sqlx.Stmt': { Stmt: h('sql', 'Stmt') },
  'sqlx.NamedStmt': { Stmt: h('sqlx', 'Stmt') },
};

/** A named type as written in source: a package import path ('' for this package) and a name. */
interface TypeRef {
  pkg: string;
  name: string;
}

const SCOPE_TYPES = [
  'block',
  'if_statement',
  'for_statement',
  'expression_switch_statement',
  'type_switch_statement',
  'expression_case',
  'type_case',
  'default_case',
  'communication_case',
  'select_statement',
] as const;

const MAX_DEPTH = 8;

/** Answers "is this expression a database handle, and which one?" for one file, caching what it learns. */
export class DbHandles {
  private readonly structs = new Map<string, SyntaxNode>();
  private readonly functions = new Map<string, SyntaxNode>();
  private readonly methods = new Map<string, SyntaxNode>();
  private readonly packageVars = new Map<string, SyntaxNode[]>();
  private readonly cache = new Map<number, TypeRef | null>();
  /** False when the file imports no database library, so every answer is null without any work. */
  readonly relevant: boolean;

  constructor(readonly file: SourceFile) {
    this.relevant = file.imports.some((s) => s.path in DB_LIBRARIES);
    if (!this.relevant) return;
    for (const decl of file.root.namedChildren) {
      if (!decl) continue;
      if (decl.type === 'type_declaration') {
        for (const spec of decl.namedChildren) {
          const type = spec?.childForFieldName('type');
          const name = spec?.childForFieldName('name')?.text;
          if (spec?.type === 'type_spec' && name && type?.type === 'struct_type') this.structs.set(name, type);
        }
      } else if (decl.type === 'function_declaration') {
        const name = decl.childForFieldName('name')?.text;
        if (name) this.functions.set(name, decl);
      } else if (decl.type === 'method_declaration') {
        const receiver = decl.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
        const receiverType = receiver ? baseTypeName(receiver.childForFieldName('type')) : null;
        const name = decl.childForFieldName('name')?.text;
        if (receiverType && name) this.methods.set(`${receiverType}.${name}`, decl);
      } else if (decl.type === 'var_declaration') {
        for (const spec of decl.descendantsOfType('var_spec')) {
          if (!spec || spec.parent?.type === 'block') continue;
          for (const name of fieldChildren(spec, 'name')) {
            if (!name) continue;
            const list = this.packageVars.get(name.text) ?? [];
            list.push(name);
            this.packageVars.set(name.text, list);
          }
        }
      }
    }
  }

  /** The handle type of an expression, or null when the file does not show it to be one. */
  typeOf(expr: SyntaxNode | null | undefined): DbHandleType | null {
    if (!this.relevant || !expr) return null;
    return this.classify(this.typeRefOf(expr, 0));
  }

  /**
   * True when the file shows the expression's type and it is not a database handle: a struct declared here or a
   * type of another package. Interfaces and types declared elsewhere in the package stay unknown.
   */
  isKnownOther(expr: SyntaxNode | null | undefined): boolean {
    if (!this.relevant || !expr) return false;
    const ref = this.typeRefOf(expr, 0);
    return !!ref && !this.classify(ref) && (ref.pkg !== '' || this.structs.has(ref.name));
  }

  /** The handle type a type expression names (`*sql.DB`, `sqlx.Tx`), or null. */
  typeFromTypeNode(typeNode: SyntaxNode | null | undefined): DbHandleType | null {
    if (!this.relevant) return null;
    return this.classify(this.typeRefFromNode(typeNode));
  }

  private classify(ref: TypeRef | null): DbHandleType | null {
    if (!ref || !ref.pkg) return null;
    const library = DB_LIBRARIES[ref.pkg as keyof typeof DB_LIBRARIES];
    if (!library || !(KINDS[library] as readonly string[]).includes(ref.name)) return null;
    return { library, kind: ref.name as DbKind };
  }

  private typeRefFromNode(node: SyntaxNode | null | undefined): TypeRef | null {
    if (!node) return null;
    switch (node.type) {
      case 'pointer_type':
      case 'parenthesized_type':
        return this.typeRefFromNode(node.namedChildren.find((n) => n?.type !== 'comment'));
      case 'qualified_type': {
        const pkg = this.file.importPathOf(node.childForFieldName('package')?.text ?? '');
        const name = node.childForFieldName('name')?.text;
        return pkg && name ? { pkg, name } : null;
      }
      case 'type_identifier':
        return { pkg: '', name: node.text };
      default:
        return null;
    }
  }

  private typeRefOf(expr: SyntaxNode, depth: number): TypeRef | null {
    if (depth > MAX_DEPTH) return null;
    const cached = this.cache.get(expr.id);
    if (cached !== undefined) return cached;
    this.cache.set(expr.id, null);
    const result = this.computeTypeRef(expr, depth);
    this.cache.set(expr.id, result);
    return result;
  }

  private computeTypeRef(expr: SyntaxNode, depth: number): TypeRef | null {
    switch (expr.type) {
      case 'parenthesized_expression':
        return this.typeRefOf(expr.namedChildren.find((n) => n?.type !== 'comment')!, depth + 1);
      case 'unary_expression':
        return expr.child(0)?.text === '&' ? this.typeRefOf(expr.childForFieldName('operand')!, depth + 1) : null;
      case 'composite_literal':
        return this.typeRefFromNode(expr.childForFieldName('type'));
      case 'identifier':
        return this.identifierType(expr, depth);
      case 'selector_expression':
        return this.selectorType(expr, depth);
      case 'call_expression':
        return this.callResultType(expr, depth);
      default:
        return null;
    }
  }

  private selectorType(expr: SyntaxNode, depth: number): TypeRef | null {
    const operand = expr.childForFieldName('operand');
    const field = expr.childForFieldName('field')?.text;
    if (!operand || !field) return null;
    // `pkg.Var` of another package: its type is out of sight.
    if (operand.type === 'identifier' && this.file.importPathOf(operand.text) && !this.isLocallyDeclared(operand)) return null;
    const owner = this.typeRefOf(operand, depth + 1);
    if (!owner) return null;
    const known = this.classify(owner);
    if (known) {
      const handle = LIBRARY_FIELDS[`${known.library}.${known.kind}`]?.[field];
      return handle ? handleRef(handle) : null;
    }
    if (owner.pkg) return null;
    return this.fieldType(owner.name, field);
  }

  /** The declared type of a field of a struct declared in this file, embedded fields included by type name. */
  private fieldType(structName: string, field: string): TypeRef | null {
    const struct = this.structs.get(structName);
    if (!struct) return null;
    for (const decl of struct.descendantsOfType('field_declaration')) {
      if (!decl || decl.parent?.parent?.id !== struct.id) continue;
      const type = decl.childForFieldName('type');
      const names = fieldChildren(decl, 'name');
      if (names.length === 0) {
        const ref = this.typeRefFromNode(type);
        if (ref?.name === field) return ref;
      } else if (names.some((n) => n?.text === field)) {
        return this.typeRefFromNode(type);
      }
    }
    return null;
  }

  private callResultType(call: SyntaxNode, depth: number): TypeRef | null {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
    if (fn.type === 'identifier') {
      const decl = this.functions.get(fn.text);
      return decl && !this.isLocallyDeclared(fn) ? this.firstResult(decl) : null;
    }
    if (fn.type !== 'selector_expression') return null;
    const operand = fn.childForFieldName('operand');
    const name = fn.childForFieldName('field')?.text ?? '';
    if (!operand) return null;
    if (operand.type === 'identifier' && !this.isLocallyDeclared(operand)) {
      const pkg = this.file.importPathOf(operand.text);
      if (pkg) {
        const opened = DB_OPEN_FUNCTIONS[pkg]?.[name];
        return opened ? handleRef(opened) : null;
      }
    }
    const owner = this.typeRefOf(operand, depth + 1);
    if (!owner) return null;
    const known = this.classify(owner);
    if (known) {
      const result = METHOD_RESULTS[`${known.library}.${known.kind}`]?.[name];
      return result ? handleRef(result) : null;
    }
    if (owner.pkg) return null;
    const method = this.methods.get(`${owner.name}.${name}`);
    return method ? this.firstResult(method) : null;
  }

  private firstResult(fn: SyntaxNode): TypeRef | null {
    const result = fn.childForFieldName('result');
    if (!result) return null;
    if (result.type !== 'parameter_list') return this.typeRefFromNode(result);
    const first = result.namedChildren.find((n) => n?.type === 'parameter_declaration');
    return this.typeRefFromNode(first?.childForFieldName('type'));
  }

  /** True when `id` names something declared in an enclosing function (so it shadows any import). */
  private isLocallyDeclared(id: SyntaxNode): boolean {
    return this.localDeclaration(id) !== undefined;
  }

  private identifierType(id: SyntaxNode, depth: number): TypeRef | null {
    const local = this.localDeclaration(id);
    if (local !== undefined) return local ? this.declaredType(local, depth) : null;
    const globals = this.packageVars.get(id.text);
    // Declared twice at package level cannot compile; more than one hit means we misread something.
    if (!globals || globals.length !== 1) return null;
    return this.declaredType(globals[0], depth);
  }

  /**
   * The declaring name node of `id` in its enclosing functions: the last declaration before it whose scope
   * holds it. Undefined when no function declares it; null when declared in a way we do not track.
   */
  private localDeclaration(id: SyntaxNode): SyntaxNode | null | undefined {
    for (let fn = enclosing(id); fn; fn = enclosing(fn)) {
      let found: SyntaxNode | null | undefined;
      for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters'), fn.childForFieldName('result')]) {
        if (!list || list.type !== 'parameter_list') continue;
        for (const decl of list.namedChildren) {
          for (const name of fieldChildren(decl, 'name') ?? []) if (name?.text === id.text) found = name;
        }
      }
      const body = fn.childForFieldName('body');
      if (body) {
        walk(body, (node) => {
          if (node.startIndex >= id.startIndex) return false;
          if (FUNCTION_TYPES.includes(node.type as (typeof FUNCTION_TYPES)[number])) return false;
          const declared = declaredNames(node).find((n) => n.text === id.text);
          if (declared && declared.id !== id.id && inScope(declared, id)) found = declared;
          return true;
        });
      }
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The type a declaring name node gives its variable: from a type, a parameter, or the value it is bound to. */
  private declaredType(name: SyntaxNode, depth: number): TypeRef | null {
    const holder = name.parent;
    if (!holder) return null;
    if (holder.type === 'parameter_declaration' || holder.type === 'variadic_parameter_declaration') {
      return holder.type === 'parameter_declaration' ? this.typeRefFromNode(holder.childForFieldName('type')) : null;
    }
    if (holder.type === 'var_spec') {
      const type = holder.childForFieldName('type');
      if (type) return this.typeRefFromNode(type);
      const names = fieldChildren(holder, 'name').filter((n): n is SyntaxNode => !!n);
      return this.boundValueType(names, name, holder.childForFieldName('value'), depth);
    }
    if (holder.type === 'expression_list' && holder.parent?.type === 'short_var_declaration') {
      const names = holder.namedChildren.filter((n): n is SyntaxNode => !!n);
      return this.boundValueType(names, name, holder.parent.childForFieldName('right'), depth);
    }
    return null;
  }

  private boundValueType(names: SyntaxNode[], name: SyntaxNode, values: SyntaxNode | null, depth: number): TypeRef | null {
    const list = (values?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    const index = names.findIndex((n) => n.id === name.id);
    if (list.length === names.length) return this.typeRefOf(list[index], depth + 1);
    // `x, err := open()`: only the first result of a call is tracked.
    if (list.length === 1 && list[0].type === 'call_expression' && index === 0) return this.typeRefOf(list[0], depth + 1);
    return null;
  }
}

function handleRef(handle: DbHandleType): TypeRef {
  const pkg = Object.entries(DB_LIBRARIES).find(([, lib]) => lib === handle.library)![0];
  return { pkg, name: handle.kind };
}

function enclosing(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.includes(current.type as (typeof FUNCTION_TYPES)[number])) return current;
  }
  return null;
}

/** The local type name under pointers and generics in a receiver type: `*Repo` → Repo. */
function baseTypeName(type: SyntaxNode | null | undefined): string | null {
  if (!type) return null;
  if (type.type === 'type_identifier') return type.text;
  if (type.type === 'pointer_type' || type.type === 'parenthesized_type') return baseTypeName(type.namedChildren[0]);
  if (type.type === 'generic_type') return baseTypeName(type.childForFieldName('type'));
  return null;
}

/** Names a statement declares: `a, b := ...`, `var a T`, range and type-switch bindings. */
function declaredNames(node: SyntaxNode): SyntaxNode[] {
  switch (node.type) {
    case 'short_var_declaration':
      return (node.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => n?.type === 'identifier');
    case 'var_spec':
      return fieldChildren(node, 'name').filter((n): n is SyntaxNode => !!n);
    case 'range_clause':
      // Only `for k, v := range`; `=` assigns existing variables.
      return node.children.some((c) => c?.type === ':=')
        ? (node.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => n?.type === 'identifier')
        : [];
    case 'type_switch_statement': {
      const alias = node.childForFieldName('alias');
      return alias ? alias.namedChildren.filter((n): n is SyntaxNode => n?.type === 'identifier') : [];
    }
    default:
      return [];
  }
}

/** True when a declaration's scope (its nearest block, or the statement it initialises) holds `use`. */
export function inScope(declared: SyntaxNode, use: SyntaxNode): boolean {
  let scope: SyntaxNode | null = declared.parent;
  while (scope && !(SCOPE_TYPES as readonly string[]).includes(scope.type)) scope = scope.parent;
  if (!scope) return true;
  return scope.startIndex <= use.startIndex && use.endIndex <= scope.endIndex;
}
