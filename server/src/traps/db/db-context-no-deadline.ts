/** `db.QueryContext(context.Background(), ...)`: a context is passed, but it can never expire. */
import { NoDeadline, noDeadlineContext, planTimeoutContext, TimeoutContextPlan } from './db-context';
import { dbHandleOf, isMigrationCall } from './db-handles';
import { migrationLevel, migrationSeverity } from './db-no-context';
import type { Resolver } from '../../go/resolver';
import { typeShape } from '../../go/types';
import { replaceNode } from '../../engine/edits';
import { asMethodCall, enclosingFunction, MethodCall } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { isTestCode } from '../../engine/domains';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { mentionsAnySelector } from '../../go/text-search';
import { callsNamed } from '../../go/calls-by-name';

/** Context-first methods of database/sql and sqlx handles (transactions, conns and statements included). */
const SQL_CONTEXT_METHODS = new Set([
  'QueryContext',
  'QueryRowContext',
  'ExecContext',
  'PrepareContext',
  'BeginTx',
  'PingContext',
  'GetContext',
  'SelectContext',
  'NamedExecContext',
  'NamedQueryContext',
  'QueryxContext',
  'QueryRowxContext',
  'PreparexContext',
  'PrepareNamedContext',
  'MustExecContext',
  'BeginTxx',
  'MustBeginTx',
]);
/** Every method name a checked call ends in. */
const CALLED_METHODS = [...SQL_CONTEXT_METHODS, 'WithContext'];

/**
 * Names so particular to database/sql that an interface declaring them is taken to be a handle (sqlc's DBTX
 * interface, a repository's own abstraction over *sql.DB and *sql.Tx).
 */
const DISTINCTIVE = new Set(['QueryContext', 'QueryRowContext', 'ExecContext', 'PrepareContext', 'BeginTx', 'GetContext', 'SelectContext', 'NamedExecContext', 'QueryxContext', 'QueryRowxContext', 'BeginTxx']);

interface Candidate {
  call: MethodCall;
  argument: SyntaxNode;
  lack: NoDeadline;
  /** Schema work: its own severity, and never a timeout that would cut a long migration short. */
  migration: boolean;
}

export const rule = defineFileRule({
  meta: {
    id: 'db-context-no-deadline',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A context-taking database call (QueryContext, ExecContext, BeginTx, sqlx GetContext, gorm WithContext, ...) given context.Background() or context.TODO() with no deadline.',
      zh: '带 context 的数据库调用(QueryContext、ExecContext、BeginTx、sqlx 的 GetContext、gorm 的 WithContext 等)传入的是没有截止时间的 context.Background() 或 context.TODO()。',
    },
    why: {
      en: 'Background and TODO never expire, so the Context variant buys nothing: a slow query still holds its pooled connection for as long as the database takes, and a pool shared by several modules drains while it waits.',
      zh: 'Background 和 TODO 永不过期,用了 Context 版本也等于没用：慢查询照样一直占着连接池的连接,多个模块共用的连接池会在等待中被耗尽。',
    },
    messages: {
      direct: {
        en: '{method} gets context.{root}(), which never expires: a slow query holds its connection indefinitely. Derive a context with a deadline.',
        zh: '{method} 传入的是永不过期的 context.{root}():慢查询会无限期占用连接。请派生一个带截止时间的 context。',
      },
      viaVariable: {
        en: '{method} gets {variable}, which comes from context.{root}() with no deadline: a slow query holds its connection indefinitely.',
        zh: '{method} 传入的 {variable} 来自 context.{root}(),没有截止时间：慢查询会无限期占用连接。',
      },
      fixTimeout: { en: 'Wrap with context.WithTimeout ({timeout})', zh: '用 context.WithTimeout 包装({timeout})' },
    },
  },
  check(context) {
    if (isTestCode(context.location, context.settings) || !mentionsAnySelector(context.file.text, CALLED_METHODS)) return;
    const candidates: Candidate[] = [];
    for (const node of callsNamed(context.file, CALLED_METHODS)) {
      const call = asMethodCall(node);
      if (!call || call.args.length === 0) continue;
      if (!SQL_CONTEXT_METHODS.has(call.method) && call.method !== 'WithContext') continue;
      if (!isDatabaseContextCall(context.types, node, call) || inHandleMethod(context.types, node)) continue;
      const lack = noDeadlineContext(context.file, call.args[0]);
      if (!lack) continue;
      const migration = isMigrationCall(context.location, node, context.types);
      if (migration && migrationLevel(context) === 'off') continue;
      candidates.push({ call, argument: call.args[0], lack, migration });
    }
    const fixes = fixesByCall(context, candidates.filter((c) => !c.migration));
    for (const candidate of candidates) {
      const { lack } = candidate;
      context.report({
        node: candidate.argument,
        messageId: lack.variable ? 'viaVariable' : 'direct',
        data: { method: candidate.call.method, root: lack.root, variable: lack.variable ?? '', timeout: context.settings.timeouts.db },
        fixes: fixes.get(candidate.call.call.id) ?? [],
        ...(candidate.migration ? { severity: migrationSeverity(context) } : {}),
      });
    }
  },
});

/**
 * Inside a method of a handle type itself: database/sql's own `func (db *DB) Exec(...)` hands ExecContext a
 * Background context on purpose — it is the library's no-context API, whose callers db-no-context reports.
 */
function inHandleMethod(types: Resolver, node: SyntaxNode): boolean {
  const fn = enclosingFunction(node);
  if (fn?.type !== 'method_declaration') return false;
  const receiver = fn.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  return !!dbHandleOf(types.typeOfTypeNode(receiver?.childForFieldName('type')));
}

function isDatabaseContextCall(types: Resolver, node: SyntaxNode, call: MethodCall): boolean {
  const callee = types.calleeOf(node);
  if (callee?.kind !== 'method') return false;
  const type = dbHandleOf(callee.receiver);
  if (type?.library === 'gorm' || type?.library === 'gorm-v1') return call.method === 'WithContext';
  if (type) return SQL_CONTEXT_METHODS.has(call.method);
  // A method of an interface (the receiver is the interface itself) with a name only database code uses.
  const declared = types.typeDecl(callee.receiver);
  return DISTINCTIVE.has(call.method) && !!declared && typeShape(declared.underlying).kind === 'interface';
}

/**
 * One shared timeout per function. When every call passes the same variable, it is re-derived in place
 * (`ctx, cancel := context.WithTimeout(ctx, d)`) so values it carries are kept; otherwise a fresh context from
 * Background replaces the arguments that are plain Background()/TODO().
 */
function fixesByCall(context: FileContext, candidates: Candidate[]): Map<number, FixDescriptor[]> {
  const byFunction = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const fn = enclosingFunction(candidate.call.call);
    if (fn) byFunction.set(fn.id, [...(byFunction.get(fn.id) ?? []), candidate]);
  }
  const fixes = new Map<number, FixDescriptor[]>();
  for (const group of byFunction.values()) {
    const variable = group[0].lack.variable;
    const sameVariable = !!variable && group.every((c) => c.lack.variable === variable);
    const fixable = sameVariable ? group : group.filter((c) => c.lack.pure);
    if (fixable.length === 0) continue;
    const after = sameVariable ? latest(group.map((c) => c.lack.assignment!)) : undefined;
    const plan: TimeoutContextPlan | null = planTimeoutContext(
      context.file,
      context.settings,
      fixable.map((c) => c.call.call),
      sameVariable ? { parent: variable, name: variable, after } : {},
    );
    if (!plan) continue;
    for (const candidate of fixable) {
      // A new deadline changes what the query may do at run time: one at a time, never in bulk.
      if (!plan.calls.has(candidate.call.call.id)) continue;
      const edits = [...plan.edits];
      if (!sameVariable) edits.push(replaceNode(context.file, candidate.argument, plan.name));
      fixes.set(candidate.call.call.id, [{ title: rule.meta.messages.fixTimeout, edits, safe: false }]);
    }
  }
  return fixes;
}

function latest(nodes: SyntaxNode[]): SyntaxNode {
  return nodes.reduce((a, b) => (b.endIndex > a.endIndex ? b : a));
}
