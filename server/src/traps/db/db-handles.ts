/**
 * Which resolved types are database handles — `*sql.DB`, `*sql.Tx`, `*sql.Conn`, `*sql.Stmt`, their sqlx
 * counterparts, `*gorm.DB` — and which library functions open a new pool. The types themselves come from the
 * resolver (go/resolver.ts) and the library signatures (go/knowledge/database.ts); this file only says what they
 * mean to the db rules.
 */
import type { FileLocation } from '../../engine/rule';
import type { Callee, Resolver } from '../../go/resolver';
import type { SyntaxNode } from '../../go/parser';
import { callArguments, enclosingTopLevelFunction, functionName, stringValue } from '../../go/syntax';
import { namedParts, type GoType } from '../../go/types';
import type { SourceFile } from '../../go/source';
import { mayHoldTypeOf } from '../../go/type-reach';

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

const KINDS: Record<DbLibrary, readonly DbKind[]> = {
  sql: ['DB', 'Tx', 'Conn', 'Stmt'],
  sqlx: ['DB', 'Tx', 'Conn', 'Stmt', 'NamedStmt'],
  gorm: ['DB'],
  'gorm-v1': ['DB'],
};

/** The handle types' packages, and the handle types as a type-reach target (`"database/sql".DB ...`). */
export const DB_PATHS = Object.keys(DB_LIBRARIES);
export const DB_HANDLE_TARGET = Object.entries(DB_LIBRARIES)
  .flatMap(([path, library]) => KINDS[library].map((kind) => `"${path}".${kind}`))
  .join(' ');

/**
 * Whether a file may hold a database handle (type-reach.ts): false only when it imports no database library,
 * nothing with a dot, and writes no name that leads to a handle type. Its calls of `Query` and the like are then
 * other types' methods, and it need not be parsed to find out.
 */
export function mayHoldDbHandle(file: SourceFile, types: Resolver): boolean {
  return mayHoldTypeOf(file, types, DB_PATHS, DB_HANDLE_TARGET);
}

/**
 * Functions that open a new pool. `sqlx.NewDb(existing, driver)` is left out on purpose: it wraps a pool that
 * was opened (and should be bounded) elsewhere.
 */
export const POOL_OPENERS: Record<string, readonly string[]> = {
  'database/sql': ['Open', 'OpenDB'],
  'github.com/jmoiron/sqlx': ['Open', 'Connect', 'ConnectContext', 'MustOpen', 'MustConnect'],
  'gorm.io/gorm': ['Open'],
  'github.com/jinzhu/gorm': ['Open'],
};

/** Openers that return only the handle; the others return `(handle, error)`. */
export const SINGLE_RESULT_OPENERS = new Set(['OpenDB', 'MustOpen', 'MustConnect']);

/** The handle a type is (a pointer to), or null. */
export function dbHandleOf(type: GoType | null | undefined): DbHandleType | null {
  const parts = namedParts(type);
  if (!parts) return null;
  const library = DB_LIBRARIES[parts.pkg as keyof typeof DB_LIBRARIES];
  if (!library || !(KINDS[library] as readonly string[]).includes(parts.name)) return null;
  return { library, kind: parts.name as DbKind };
}

/** `sql.DB` → `*sql.DB` as messages show it. */
export function handleLabel(handle: DbHandleType): string {
  const pkg = handle.library === 'gorm-v1' ? 'gorm' : handle.library;
  return `*${pkg}.${handle.kind}`;
}

/** The library function a call opens a pool with, or null when it opens none. */
export function poolOpener(callee: Callee | null): { pkg: string; name: string; library: DbLibrary } | null {
  if (!callee || callee.kind !== 'func') return null;
  if (!POOL_OPENERS[callee.pkg]?.includes(callee.name)) return null;
  return { pkg: callee.pkg, name: callee.name, library: DB_LIBRARIES[callee.pkg as keyof typeof DB_LIBRARIES] };
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

/** True when a declaration's scope (its nearest block, or the statement it initialises) holds `use`. */
export function inScope(declared: SyntaxNode, use: SyntaxNode): boolean {
  let scope: SyntaxNode | null = declared.parent;
  while (scope && !(SCOPE_TYPES as readonly string[]).includes(scope.type)) scope = scope.parent;
  if (!scope) return true;
  return scope.startIndex <= use.startIndex && use.endIndex <= scope.endIndex;
}

/** Directory or file names of schema tooling: migrations, installers, upgrades, seeds, database set-up. */
const MIGRATION_PATH = /(^|\/)[^/]*(migrat|install|upgrade|seed|schema|fixture|initdb|init_db|setupdb|createdb)[^/]*(\/|\.go$)/i;
/**
 * Function names of the same tooling: `Migrate`, `runMigrations`, `InstallSchema`, `Seed`, `CreateTables`,
 * `CreateDb`, `createDatabase`, `InitDB`, `DropSchema`, and the version checks that decide whether to migrate
 * (`IsSchemaUpToDate`, `schemaVersion`, `CheckSchema`).
 */
const MIGRATION_FUNCTION =
  /(^|[a-z.])(Migrat|migrat|Install|install|Upgrade|upgrade|Seed|seed|(Create|create|Init|init|Ensure|ensure|Drop|drop|Reset|reset|Setup|setup)(Db|DB|Database|Databases|Schema|Schemas|Tables?)(?![a-z])|(Schema|schema)(Version|UpToDate)|(Check|check|Verify|verify|Is|is)Schema(?![a-z]))/;

/**
 * True for code that migrates, installs, upgrades or seeds a schema, by its path or its function (`fn` is a
 * function id, `"pkg".Type.Name`, or a plain name): long statements there are the job, not a trap.
 */
export function isMigrationCode(location: FileLocation, fn = ''): boolean {
  return MIGRATION_PATH.test(pathInModule(location)) || MIGRATION_FUNCTION.test(fn.slice(fn.lastIndexOf('"') + 1));
}

/**
 * The file's path below its module: folders above it (a checkout under ~/fixtures/, a workspace's own
 * layout) say nothing of what the code does. Outside a module only the last folder is read.
 */
function pathInModule(location: FileLocation): string {
  const file = location.path.slice(location.path.lastIndexOf('/') + 1);
  const dir = location.modulePath ? location.packageDir : location.packageDir.slice(location.packageDir.lastIndexOf('/') + 1);
  return dir ? `${dir}/${file}` : file;
}

/** Statements that change a schema, or maintain one, rather than query data: long by nature. */
const DDL = /^\s*(CREATE|ALTER|DROP|TRUNCATE|RENAME|GRANT|REVOKE|COMMENT\s+ON|VACUUM|ANALYZE|REINDEX|CLUSTER|OPTIMIZE\s+TABLE|REFRESH\s+MATERIALIZED\s+VIEW)\b/i;

/**
 * True when a database call is schema work — in migration, install, upgrade or seed code (by directory, file
 * or function name) or running DDL or maintenance (VACUUM, REFRESH MATERIALIZED VIEW) — where a timeout would
 * cut a long `ALTER TABLE` or a minutes-long refresh short.
 */
export function isMigrationCall(location: FileLocation, call: SyntaxNode, types?: Resolver): boolean {
  const fn = enclosingTopLevelFunction(call);
  if (isMigrationCode(location, fn ? functionName(fn) : '')) return true;
  return callArguments(call).some((arg) => DDL.test(leadingText(arg, types) ?? ''));
}

const MAX_TEXT_DEPTH = 4;

/**
 * The text a statement starts with: a literal, the first literal of a `+` chain, a Sprintf format, or the value
 * a local was declared with (`q := "REFRESH MATERIALIZED VIEW %s"; q = fmt.Sprintf(q, name)`).
 */
function leadingText(expr: SyntaxNode | null | undefined, types?: Resolver, depth = 0): string | null {
  if (!expr || depth > MAX_TEXT_DEPTH) return null;
  const literal = stringValue(expr);
  if (literal !== null) return literal;
  if (expr.type === 'binary_expression' && expr.childForFieldName('operator')?.text === '+') return leadingText(expr.childForFieldName('left'), types, depth + 1);
  if (expr.type === 'parenthesized_expression') return leadingText(expr.namedChildren.find((n) => n && n.type !== 'comment'), types, depth + 1);
  if (expr.type === 'call_expression' && /(^|\.)Sprintf$/.test(expr.childForFieldName('function')?.text ?? '')) return leadingText(callArguments(expr)[0], types, depth + 1);
  if (expr.type === 'identifier' && types) {
    const local = types.localDeclOf(expr);
    const value = local && (local.kind === 'short' || local.kind === 'var') ? types.boundValue(local) : null;
    return value ? leadingText(value, types, depth + 1) : null;
  }
  return null;
}
