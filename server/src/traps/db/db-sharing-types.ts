/**
 * The vocabulary of the shared-pool analysis: the handle types, what counts as a business domain, and the plain
 * JSON facts each file contributes (see db-sharing.ts for how they are read, db-shared-pool.ts for how they meet).
 */
import type { Settings } from '../../engine/config';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';
import type { FileEdit, Position, Range } from '../../engine/types';

/** A named type as `<package>.<Name>`: `database/sql.DB`, or `<module root>|example.com/shop/internal/store.Store` for the module's own. */
export type TypeKey = string;

/** The handle types whose connection pool can be shared, and how messages name them. */
export const HANDLE_TYPES: Record<TypeKey, { label: string; poolable: boolean }> = {
  'database/sql.DB': { label: '*sql.DB', poolable: true },
  'github.com/jmoiron/sqlx.DB': { label: '*sqlx.DB', poolable: true },
  'gorm.io/gorm.DB': { label: '*gorm.DB', poolable: false },
  'github.com/jinzhu/gorm.DB': { label: '*gorm.DB', poolable: false },
};

/**
 * Top-level package names that are layers or tooling rather than business domains: a layered project hands its
 * one handle to `repository` and `health`, a migration runs on it at start-up, and none of that is two domains
 * competing for one pool. A name mapped explicitly in the `domains` setting is a domain all the same.
 */
const NOT_DOMAINS = new Set([
  'api', 'http', 'grpc', 'rpc', 'transport', 'web', 'router', 'routes', 'handler', 'handlers', 'controller', 'controllers',
  'repository', 'repositories', 'repo', 'repos', 'dao', 'dal', 'data', 'persistence', 'model', 'models', 'entity', 'entities',
  'usecase', 'usecases', 'logic', 'adapter', 'adapters', 'port', 'ports', 'job', 'jobs', 'worker', 'workers', 'cron', 'task', 'tasks',
  'migrate', 'migration', 'migrations', 'schema', 'seed', 'seeds', 'health', 'healthcheck', 'metrics', 'monitoring', 'telemetry',
  'observability', 'tracing', 'testutil', 'testing', 'mock', 'mocks', 'fake', 'fakes', 'tools', 'scripts', 'internal',
]);

/** Folders of test harnesses and examples: sharing a pool there costs nothing in production. */
export const HARNESS_DIRS = new Set(['test', 'tests', 'e2e', 'integration', 'testutil', 'testing', 'testdata', 'example', 'examples', 'mock', 'mocks', 'fake', 'fakes']);

/** Start-up chores a domain runs once on whatever handle it is given; they do not keep the pool. */
export const ONE_OFF_CALLS = /^(Migrate|AutoMigrate|Seed|Truncate|Reset|Ping|HealthCheck)/;

/** The business domain a file or package counts for when pools are compared, '' for none. */
export function businessDomain(domain: string, settings: Settings): string {
  if (!domain) return '';
  return settings.domains[domain] || !NOT_DOMAINS.has(domain) ? domain : '';
}

/** Where a variable's value comes from: a declared type, or a call whose result type `check` looks up. */
export type Origin = { kind: 'type'; type: TypeKey } | { kind: 'call'; func: TypeKey };

export interface GlobalFact {
  name: string;
  range: Range;
  origin: Origin;
  /** Where per-domain siblings can be declared (after the whole `var` declaration) and the declared type. */
  split?: { at: Position; type: string };
}

/** `X, err = open(...)` assigning a package-level handle, with what a per-domain copy of it needs. */
export interface GlobalOpenFact {
  name: string;
  /** End of the last statement of the open group (the error check, pool settings). */
  at: Position;
  indent: string;
  call: string;
  errName: string;
  errCheck: string;
  closes: boolean;
  timePackage: string;
  /** The edits that import `time` into the file, if it lacks it. */
  imports: FileEdit[];
}

export interface FuncFact {
  name: string;
  /** The first result's type, when it is a named type. */
  result?: TypeKey;
  /** Identifiers returned as the first result: a getter `func DB() *sql.DB { return db }` returns `db`. */
  returns: string[];
  /** Parameters with a named type, by position, so a hand-off can point at the parameter that receives it. */
  params: { index: number; name: string; range: Range; type: TypeKey }[];
}

/** A variable local to one top-level function (a parameter, `:=` or `var`) that may hold a handle. */
export interface LocalFact {
  name: string;
  range: Range;
  origin: Origin;
  /** Used in the function itself beyond hand-offs and pool upkeep, so the function's own domain draws on it. */
  usedHere?: boolean;
  /** A method's receiver: its fields outlive the call, so they are followed per type, not per value. */
  receiver?: boolean;
}

/** What a hand-off passes: a local of the same function, or a package-level variable (`db`, `store.DB`). */
export type ArgRef =
  | { kind: 'local'; name: string }
  | { kind: 'global'; pkg: string; name: string }
  /** `a.db` where `a` is a local, parameter or receiver that may hold a handle (resolved in `check`). */
  | { kind: 'field'; local: string; field: string };

/** A handle passed to a function or composite literal of a domain package: `user.NewRepo(db)`. */
export interface HandoffFact {
  arg: ArgRef;
  range: Range;
  /** The receiving package and its domain. */
  pkg: string;
  domain: string;
  /** The callee as written, e.g. `user.NewRepo`, and its name in its package. */
  callee: string;
  name: string;
  index: number;
}

export interface ScopeFact {
  locals: LocalFact[];
  handoffs: HandoffFact[];
  /** Fix plans for locals handed to several domains, by local name (see db-sharing-fix.ts). */
  plans: Record<string, LocalSplitPlan>;
}

/** A struct field of a handle type: `type App struct { db *sql.DB }`. */
export interface HolderFact {
  name: string;
  field: string;
  type: TypeKey;
  range: Range;
}

/** A reference `pkg.Name` (or getter call `pkg.Name()`) to another package of the module. */
export interface RefFact {
  pkg: string;
  name: string;
  range: Range;
  call: boolean;
}

export interface SharingFacts {
  /** This file's package, as an import path. */
  pkg: string;
  globals: GlobalFact[];
  /** Struct types with a field of a handle type: holding one shares it. */
  holders: HolderFact[];
  funcs: FuncFact[];
  refs: RefFact[];
  scopes: ScopeFact[];
  globalOpens: GlobalOpenFact[];
}

/** The edits that give each receiving domain its own handle, computed where the tree is at hand. */
export interface LocalSplitPlan {
  /** Domains that get a new handle, in the order of their first hand-off. */
  domains: string[];
  edits: FileEdit[];
}

/** The fix planners, kept apart from fact reading; they see the tree while it exists. */
export interface SplitPlanners {
  local(file: SourceFile, scope: SyntaxNode, local: LocalFact, handoffs: HandoffFact[], nodes: Map<HandoffFact, SyntaxNode>, ownDomain: string): LocalSplitPlan | undefined;
  globalOpen(file: SourceFile, statement: SyntaxNode, name: string, errName: string): GlobalOpenFact | undefined;
}
