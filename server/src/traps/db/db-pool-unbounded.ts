/**
 * A pool from `sql.Open` (or sqlx/gorm) never bounded with SetMaxOpenConns / SetConnMaxLifetime. Judged per
 * pool: the pool is followed wherever it flows (locals, fields, package variables, parameters, results, other
 * packages) and its limits count wherever they are set on it.
 */
import { goDuration } from '../../engine/config';
import { ensureImport } from '../../engine/edits';
import { callArguments, enclosingFunction, enclosingStatement, fieldChildren, findAll } from '../../go/syntax';
import type { Resolver } from '../../go/resolver';
import type { SyntaxNode } from '../../go/parser';
import { defineWorkspaceRule, FixDescriptor } from '../../engine/rule';
import type { SourceFile } from '../../go/source';
import type { FileEdit, Position } from '../../engine/types';
import { SINGLE_RESULT_OPENERS } from './db-handles';
import { collectPoolFlow, OpenFact, POOL_LIMITS, PoolFlow, PoolFlowFacts } from './pool-flow';

/** What the rule asks for; SetMaxIdleConns is written by the fix alongside SetMaxOpenConns but not required. */
const REQUIRED = ['SetMaxOpenConns', 'SetConnMaxLifetime'] as const;

/** Where the fix inserts its lines for one open: after the open statement, or after the error check after it. */
interface Insertion {
  at: Position;
  indent: string;
  timePackage: string;
  timeImport: FileEdit[];
}

interface PoolFacts {
  flow: PoolFlowFacts;
  /** By open origin. */
  insertions: Record<string, Insertion>;
  /** Locals holding a pool that a deferred closure closes (`defer func(db *sql.DB) { db.Close() }(db)`). */
  closedByClosure?: string[];
}

export const rule = defineWorkspaceRule<PoolFacts>({
  meta: {
    id: 'db-pool-unbounded',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A database pool opened with sql.Open (or sqlx/gorm) that is never bounded with SetMaxOpenConns or never given SetConnMaxLifetime, wherever it goes.',
      zh: '用 sql.Open(或 sqlx/gorm)打开的连接池，无论传到哪里，都从未用 SetMaxOpenConns 限制连接数，或从未设置 SetConnMaxLifetime。',
    },
    why: {
      en: 'database/sql opens as many connections as there are concurrent queries and keeps them forever by default: a burst exhausts the database server\'s connection limit, and connections outlive failovers and load-balancer timeouts.',
      zh: 'database/sql 默认有多少并发查询就开多少连接,并且永久复用：流量突增会打满数据库的连接上限,连接也会熬过主从切换和负载均衡的空闲超时,变成坏连接。',
    },
    messages: {
      unbounded: {
        en: 'The pool from {call} ({handle}) is never given {missing}: it opens as many connections as there are concurrent queries and keeps them forever.',
        zh: '{call} 打开的连接池({handle})从未设置 {missing}:并发查询有多少就开多少连接，并且永久复用。',
      },
      noMaxOpen: {
        en: 'The pool from {call} ({handle}) is never given SetMaxOpenConns: it opens as many connections as there are concurrent queries.',
        zh: '{call} 打开的连接池({handle})从未设置 SetMaxOpenConns:并发查询有多少就开多少连接。',
      },
      noLifetime: {
        en: 'The pool from {call} ({handle}) is never given SetConnMaxLifetime: its connections are kept forever, through failovers and load-balancer timeouts.',
        zh: '{call} 打开的连接池({handle})从未设置 SetConnMaxLifetime:连接被永久复用，主从切换或负载均衡超时后仍在使用旧连接。',
      },
      unboundedSiblings: {
        en: 'The pool from {call} ({handle}) is never given {missing}: it opens as many connections as there are concurrent queries and keeps them forever. {method} of {more} more types opens its pool the same way (related locations): one decision, one finding; the fix bounds every one.',
        zh: '{call} 打开的连接池({handle})从未设置 {missing}:并发查询有多少就开多少连接，并且永久复用。另有 {more} 个类型的 {method} 也这样打开连接池(见相关位置)：同一个决定只报告一次；修复会限制其中每一个。',
      },
      noMaxOpenSiblings: {
        en: 'The pool from {call} ({handle}) is never given SetMaxOpenConns: it opens as many connections as there are concurrent queries. {method} of {more} more types opens its pool the same way (related locations): one decision, one finding; the fix bounds every one.',
        zh: '{call} 打开的连接池({handle})从未设置 SetMaxOpenConns:并发查询有多少就开多少连接。另有 {more} 个类型的 {method} 也这样打开连接池(见相关位置)：同一个决定只报告一次；修复会限制其中每一个。',
      },
      noLifetimeSiblings: {
        en: 'The pool from {call} ({handle}) is never given SetConnMaxLifetime: its connections are kept forever, through failovers and load-balancer timeouts. {method} of {more} more types opens its pool the same way (related locations): one decision, one finding; the fix bounds every one.',
        zh: '{call} 打开的连接池({handle})从未设置 SetConnMaxLifetime:连接被永久复用，主从切换或负载均衡超时后仍在使用旧连接。另有 {more} 个类型的 {method} 也这样打开连接池(见相关位置)：同一个决定只报告一次；修复会限制其中每一个。',
      },
      siblingOpen: { en: 'the same method of another type opens an unbounded pool here', zh: '另一个类型的同名方法在此处打开了未限制的连接池' },
      fixLimits: { en: 'Bound the pool ({limits})', zh: '限制连接池({limits})' },
    },
  },
  collect(file, settings, location, types) {
    const flow = collectPoolFlow(file, location, types, settings);
    if (!flow) return undefined;
    const insertions: Record<string, Insertion> = {};
    if (flow.opens.length > 0) {
      for (const call of findAll(file.root, 'call_expression')) {
        const origin = `open:${file.path}:${call.startIndex}`;
        const open = flow.opens.find((o) => o.origin === origin);
        const insertion = open ? insertionPoint(file, call, open) : null;
        if (insertion) insertions[origin] = insertion;
      }
    }
    const closedByClosure = flow.opens.some((o) => o.target?.startsWith('local:')) ? closedInDeferredClosures(file, types) : [];
    return closedByClosure.length > 0 ? { flow, insertions, closedByClosure } : { flow, insertions };
  },
  check(context) {
    const flow = new PoolFlow(context.files.map(({ location, facts }) => ({ location, facts: facts.flow })));
    const limitsByPool = new Map<string, Set<string>>();
    const limitsByModule = new Map<string, Set<string>>();
    const consumed = new Set<string>();
    for (const { location, facts } of context.files) {
      for (const use of facts.flow.uses) {
        if (!(POOL_LIMITS as readonly string[]).includes(use.method)) continue;
        const moduleLimits = limitsByModule.get(location.modulePath) ?? new Set<string>();
        moduleLimits.add(use.method);
        limitsByModule.set(location.modulePath, moduleLimits);
        for (const pool of flow.poolsAt(use.storage)) {
          const set = limitsByPool.get(pool) ?? new Set<string>();
          set.add(use.method);
          limitsByPool.set(pool, set);
        }
      }
      for (const edge of facts.flow.edges) consumed.add(edge.slice(0, edge.indexOf('\t')));
    }
    // A pool closed in the function that opened it (`defer db.Close()`) lives for one job: nothing to bound.
    const closedLocals = new Set(
      context.files.flatMap(({ facts }) => [
        ...facts.flow.uses.filter((u) => u.method === 'Close' && u.storage.startsWith('local:')).map((u) => u.storage),
        ...(facts.closedByClosure ?? []),
      ]),
    );
    const { pool } = context.settings;
    // Opens that assign one variable (a driver per `switch` branch, a reload) are one pool, reported at the first.
    const alternatives = new Map<string, number>();
    // The same method of several types of one package (an installer's EnsureDB per dialect) opening alike: one
    // design, one finding at the first, the others related and bounded by the same fix.
    const siblings = new Map<string, Unbounded[]>();
    for (const canonical of flow.canonical.values()) alternatives.set(canonical, (alternatives.get(canonical) ?? 0) + 1);
    for (const { location, facts } of context.files) {
      for (const open of facts.flow.opens) {
        if (open.target && closedLocals.has(open.target)) continue;
        if (flow.canonical.has(open.origin)) continue;
        const own = limitsByPool.get(open.origin) ?? new Set<string>();
        const moduleLimits = limitsByModule.get(location.modulePath) ?? new Set<string>();
        const calls = flow.derived.get(open.origin) ?? [];
        let bounded: (method: string) => boolean;
        if (flow.factoryOpens.has(open.origin)) {
          // A factory's pools are bounded inside it, or by every caller; with no caller in sight, as the module does.
          bounded = (m) => own.has(m) || (calls.length > 0 ? calls.every((c) => limitsByPool.get(c)?.has(m)) : moduleLimits.has(m));
        } else {
          // Returned where no code of the workspace takes it: the caller may bound it, as the module does elsewhere.
          const escapes = escapesWorkspace(flow, open.origin, consumed);
          bounded = (m) => own.has(m) || (escapes && moduleLimits.has(m));
        }
        const limits = new Set(['SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime'].filter(bounded));
        const missing = REQUIRED.filter((m) => !limits.has(m));
        if (missing.length === 0) continue;
        const fixes: FixDescriptor[] = [];
        const insertion = facts.insertions[open.origin];
        // Limits written after one alternative would not bound the others: that fix is the author's to place.
        const lines = insertion && open.targetText && !alternatives.has(open.origin) ? limitLines(open, insertion, missing, limits.has('SetMaxIdleConns'), pool) : null;
        if (insertion && lines) {
          const { at, indent, timeImport } = insertion;
          const edits: FileEdit[] = [{ path: location.path, range: { start: at, end: at }, newText: lines.map((l) => `\n${indent}${l}`).join('') }];
          if (missing.includes('SetConnMaxLifetime')) edits.push(...timeImport.map((e) => ({ ...e, path: location.path })));
          fixes.push({ title: rule.meta.messages.fixLimits, edits });
        }
        const onlyLifetime = missing.length === 1 && missing[0] === 'SetConnMaxLifetime';
        const messageId: Unbounded['messageId'] = onlyLifetime ? 'noLifetime' : missing.length === 1 ? 'noMaxOpen' : 'unbounded';
        const finding: Unbounded = { path: location.path, open, messageId, missing, fixes };
        const key = sameMethodKey(open.fn, messageId);
        if (key) siblings.set(key, [...(siblings.get(key) ?? []), finding]);
        else report(finding, []);
      }
    }
    for (const [first, ...others] of siblings.values()) report(first, others);

    function report(finding: Unbounded, others: Unbounded[]): void {
      const { open, missing } = finding;
      const fixEdits = [finding, ...others].flatMap((f) => f.fixes[0]?.edits ?? []);
      const fixes = finding.fixes.length > 0 ? [{ ...finding.fixes[0], edits: fixEdits }] : [];
      context.report(finding.path, {
        range: open.range,
        messageId: others.length > 0 ? `${finding.messageId}Siblings` : finding.messageId,
        data: { call: open.call, handle: open.targetText || open.call, missing: missing.join(' / '), limits: missing.join(', '), more: others.length, method: methodName(open.fn) },
        related: others.map((other) => ({ path: other.path, range: other.open.range, message: rule.meta.messages.siblingOpen })),
        fixes,
      });
    }
  },
});

/**
 * The locals a deferred closure closes through its parameter: `defer func(db *sql.DB) { ... db.Close() ... }(db)`
 * (gin-vue-admin's one-shot `createDatabase`).
 */
function closedInDeferredClosures(file: SourceFile, types: Resolver): string[] {
  const closed: string[] = [];
  for (const statement of findAll(file.root, 'defer_statement')) {
    const call = statement.namedChildren.find((n) => n?.type === 'call_expression');
    const literal = call?.childForFieldName('function');
    if (!call || literal?.type !== 'func_literal') continue;
    const names = (literal.childForFieldName('parameters')?.namedChildren ?? [])
      .filter((p): p is SyntaxNode => p?.type === 'parameter_declaration')
      .flatMap((p) => fieldChildren(p, 'name').map((n) => n?.text ?? ''));
    const body = literal.childForFieldName('body')?.text ?? '';
    callArguments(call).forEach((arg, i) => {
      const name = names[i];
      const storage = arg.type === 'identifier' ? types.storageOf(arg) : null;
      // Keyed as pool-flow keys locals: with the file's path.
      if (name && storage?.startsWith('local:') && new RegExp(`\\b${name}\\.Close\\(\\)`).test(body)) closed.push(`local:${file.path}:${storage.slice(6)}`);
    });
  }
  return closed;
}

interface Unbounded {
  path: string;
  open: OpenFact;
  messageId: 'unbounded' | 'noMaxOpen' | 'noLifetime';
  missing: string[];
  fixes: FixDescriptor[];
}

/** `"pkg".Type.Method` → a key shared by the same method of every type of the package; null for functions. */
function sameMethodKey(fn: string | undefined, messageId: string): string | null {
  const match = fn ? /^("[^"]*")\.\w+\.(\w+)$/.exec(fn) : null;
  return match ? `${match[1]}.*.${match[2]}\t${messageId}` : null;
}

function methodName(fn: string | undefined): string {
  return fn?.slice(fn.lastIndexOf('.') + 1) ?? '';
}

/** True when the pool only leaves through results that no code of the workspace takes in. */
function escapesWorkspace(flow: PoolFlow, origin: string, consumed: Set<string>): boolean {
  for (const [storage, pools] of flow.reaching) {
    if (pools.has(origin) && storage.startsWith('result:') && !consumed.has(storage)) return true;
  }
  return false;
}

/** The lines that bound one pool; gorm v2 reaches its *sql.DB through `DB()`, which can fail. */
function limitLines(
  open: OpenFact,
  insertion: Insertion,
  missing: readonly string[],
  idleBounded: boolean,
  pool: { maxOpenConns: number; maxIdleConns: number; connMaxLifetime: string },
): string[] | null {
  const handle = open.targetText!;
  const calls: string[] = [];
  if (missing.includes('SetMaxOpenConns')) {
    calls.push(`SetMaxOpenConns(${pool.maxOpenConns})`);
    if (!idleBounded) calls.push(`SetMaxIdleConns(${Math.min(pool.maxIdleConns, pool.maxOpenConns)})`);
  }
  if (missing.includes('SetConnMaxLifetime')) calls.push(`SetConnMaxLifetime(${goDuration(pool.connMaxLifetime, insertion.timePackage)})`);
  if (open.library === 'gorm') return [`if sqlDB, err := ${handle}.DB(); err == nil {`, ...calls.map((c) => `\tsqlDB.${c}`), '}'];
  if (open.library === 'gorm-v1') return calls.map((c) => `${handle}.DB().${c}`);
  return calls.map((c) => `${handle}.${c}`);
}

/**
 * After the open statement, or after the `if err != nil { ... }` that checks it; null where lines cannot go (a
 * package-level var, an open inside an expression, an error dropped: bounding a nil handle would panic, so
 * db-open-error-ignored goes first).
 */
function insertionPoint(file: SourceFile, call: SyntaxNode, open: OpenFact): Insertion | null {
  if (!open.targetText || !enclosingFunction(call)) return null;
  const name = open.call.slice(open.call.lastIndexOf('.') + 1);
  if (!SINGLE_RESULT_OPENERS.has(name) && !open.errName) return null;
  const holder = call.parent?.parent;
  if (!holder) return null;
  const statement = holder.type === 'var_spec' ? holder.parent : holder;
  if (!statement || enclosingStatement(call)?.id !== statement.id) return null;
  if (holder.type === 'var_spec' && statement.type !== 'var_declaration') return null;
  const timePackage = file.localNameOf('time') ?? (file.importPathOf('time') ? null : 'time');
  if (!timePackage) return null;
  let last = statement;
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const condition = next?.type === 'if_statement' ? next.childForFieldName('condition')?.text ?? '' : '';
  const errName = open.errName;
  if (errName && new RegExp(`\\b${errName}\\s*!=\\s*nil\\b`).test(condition) && !next!.childForFieldName('initializer')) {
    // With an else branch the handle is used inside the check itself: no single place is right for the limits.
    if (next!.childForFieldName('alternative')) return null;
    last = next!;
  }
  const line = last.endPosition.row;
  return { at: { line, character: file.lineText(line).length }, indent: file.indentOf(statement.startPosition.row), timePackage, timeImport: ensureImport(file, 'time') };
}
