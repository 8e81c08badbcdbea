/** `db.Query(...)` instead of `db.QueryContext(ctx, ...)`: the query outlives the request and has no deadline. */
import { localContextVariable, planTimeoutContext, TimeoutContextPlan } from './db-context';
import { dbHandleOf, handleLabel, isMigrationCall, mayHoldDbHandle } from './db-handles';
import { insertAt, replaceNode } from '../../engine/edits';
import { asMethodCall, contextInScope, contextVariableAt, declaresBefore, enclosingFunction, enclosingStatement, findAllWithin, MethodCall } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { namedParts, typeShape } from '../../go/types';
import { isTestCode } from '../../engine/domains';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { FileEdit, Severity } from '../../engine/types';
import type { RuleLevel } from '../../engine/config';
import { mentionsAnySelector } from '../../go/text-search';
import { callsNamed, mayCallOnValues } from '../../go/calls-by-name';

/** The context-taking replacement of a method; `nilOptions` adds the `*sql.TxOptions` argument BeginTx wants. */
interface Variant {
  name: string;
  nilOptions?: boolean;
}

const v = (name: string, nilOptions = false): Variant => ({ name, nilOptions });

const SQL_DB: Record<string, Variant> = {
  Query: v('QueryContext'),
  QueryRow: v('QueryRowContext'),
  Exec: v('ExecContext'),
  Prepare: v('PrepareContext'),
  Begin: v('BeginTx', true),
  Ping: v('PingContext'),
};
const SQL_TX: Record<string, Variant> = {
  Query: v('QueryContext'),
  QueryRow: v('QueryRowContext'),
  Exec: v('ExecContext'),
  Prepare: v('PrepareContext'),
  Stmt: v('StmtContext'),
};
const SQL_STMT: Record<string, Variant> = { Query: v('QueryContext'), QueryRow: v('QueryRowContext'), Exec: v('ExecContext') };
const SQLX_QUERIES: Record<string, Variant> = {
  Get: v('GetContext'),
  Select: v('SelectContext'),
  Queryx: v('QueryxContext'),
  QueryRowx: v('QueryRowxContext'),
  MustExec: v('MustExecContext'),
};

/**
 * Methods that have a `...Context` sibling, by receiver type. Only these: gorm chains, `*sql.Conn` (context-only
 * already) and sqlx's `Tx.NamedQuery` (no context sibling in released sqlx) are left alone.
 */
export const CONTEXT_VARIANTS: Record<string, Record<string, Variant>> = {
  'sql.DB': SQL_DB,
  'sql.Tx': SQL_TX,
  'sql.Stmt': SQL_STMT,
  'sqlx.DB': {
    ...SQL_DB,
    ...SQLX_QUERIES,
    NamedExec: v('NamedExecContext'),
    NamedQuery: v('NamedQueryContext'),
    Preparex: v('PreparexContext'),
    PrepareNamed: v('PrepareNamedContext'),
    Beginx: v('BeginTxx', true),
    MustBegin: v('MustBeginTx', true),
  },
  'sqlx.Tx': {
    ...SQL_TX,
    ...SQLX_QUERIES,
    NamedExec: v('NamedExecContext'),
    Preparex: v('PreparexContext'),
    PrepareNamed: v('PrepareNamedContext'),
    Stmtx: v('StmtxContext'),
    NamedStmt: v('NamedStmtContext'),
  },
  'sqlx.Stmt': { ...SQL_STMT, ...SQLX_QUERIES },
  'sqlx.NamedStmt': { ...SQL_STMT, ...SQLX_QUERIES },
};

const METHOD_NAMES = new Set(Object.values(CONTEXT_VARIANTS).flatMap((m) => Object.keys(m)));
const METHOD_LIST = [...METHOD_NAMES];

interface Candidate {
  call: MethodCall;
  variant: Variant;
  type: string;
  context: string | null;
  safe: boolean;
  /** Schema work: its own severity, and never a timeout that would cut a long migration short. */
  migration: boolean;
}

export const rule = defineFileRule({
  meta: {
    id: 'db-no-context',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A database call without a context (Query, Exec, QueryRow, Prepare, Begin, Ping, sqlx Get/Select/...) where a ...Context variant exists.',
      zh: '数据库调用没有传入 context(Query、Exec、QueryRow、Prepare、Begin、Ping、sqlx 的 Get/Select 等),而它有对应的 ...Context 版本。',
    },
    why: {
      en: 'Without a context a query can neither be cancelled when the client goes away nor bounded by a deadline: one slow statement keeps its pooled connection busy and, with the pool exhausted, stalls every other request that shares it.',
      zh: '没有 context 的查询既不会随客户端断开而取消,也无法设置截止时间：一条慢 SQL 会一直占着连接池里的连接,池子耗尽后,共用它的其他请求全部被卡住。',
    },
    messages: {
      noContext: {
        en: '{receiver}.{method} runs without a context: it cannot be cancelled or bounded by a deadline. Use {replacement} ({type}).',
        zh: '{receiver}.{method} 没有传入 context,无法取消,也没有截止时间。请改用 {replacement}({type})。',
      },
      noContextLong: {
        en: '{receiver}.{method} runs without a context: it cannot be cancelled. This is schema or maintenance work (a migration, DDL, VACUUM, a view refresh) that may run for minutes by design, so no timeout is offered: a request-sized deadline would abort it halfway. Use {replacement} ({type}) with a context that is cancelled on shutdown.',
        zh: '{receiver}.{method} 没有传入 context,无法取消。这是表结构或维护工作(迁移、DDL、VACUUM、刷新物化视图),按设计可能要运行几分钟,因此不提供超时修复：按请求设定的截止时间会把它中途打断。请改用 {replacement}({type}),并传入在服务关闭时取消的 context。',
      },
      fixInScope: { en: 'Use {replacement} with {context}', zh: '改用 {replacement} 并传入 {context}' },
      fixTimeout: { en: 'Use {replacement} with a new {timeout} timeout context', zh: '改用 {replacement},并新建 {timeout} 超时的 context' },
    },
  },
  check(context) {
    if (isTestCode(context.location, context.settings) || !mentionsAnySelector(context.file.text, METHOD_NAMES)) return;
    // Only methods of database handles are reported: a file whose calls of these names are all package functions
    // (`template.Exec`-like helpers of other packages) needs no parse.
    if (!mayCallOnValues(context.file, METHOD_LIST, [], context.types.index) || !mayHoldDbHandle(context.file, context.types)) return;
    const candidates: Candidate[] = [];
    for (const node of callsNamed(context.file, METHOD_NAMES)) {
      const call = asMethodCall(node);
      if (!call || !METHOD_NAMES.has(call.method)) continue;
      // The method actually called, after embedding: `s.Query()` on `struct{ *sql.DB }` is sql.DB's Query.
      const callee = context.types.calleeOf(node);
      const type = callee?.kind === 'method' ? dbHandleOf(callee.receiver) : null;
      const variant = type && CONTEXT_VARIANTS[`${type.library}.${type.kind}`]?.[call.method];
      if (!type || !variant) continue;
      // A context the function already holds (derived, or from a helper such as `a.getContextForTx()`) first.
      const expression = contextVariableAt(context.types, node)?.text ?? localContextVariable(context.file, node) ?? contextInScope(context.types, node)?.expression ?? null;
      const migration = isMigrationCall(context.location, node, context.types);
      if (migration && migrationLevel(context) === 'off') continue;
      candidates.push({
        call,
        variant,
        type: handleLabel(type),
        context: expression,
        safe: expression ? !outlivesContext(node, expression) : true,
        migration,
      });
    }
    // A transaction, statement or result set that leaves the function would be cut off by the deferred cancel.
    const plans = timeoutPlans(context, candidates.filter((c) => !c.context && !c.migration && !resultLeavesFunction(context, c.call.call)));
    for (const candidate of candidates) report(context, candidate, plans);
  },
});

function report(context: FileContext, candidate: Candidate, plans: Map<number, TimeoutContextPlan>): void {
  const { call, variant } = candidate;
  const data = {
    receiver: call.receiver.text.replace(/\s+/g, ''),
    method: call.method,
    replacement: variant.name,
    type: candidate.type,
    context: candidate.context ?? '',
    timeout: context.settings.timeouts.db,
  };
  const fixes: FixDescriptor[] = [];
  if (candidate.context) {
    fixes.push({ title: rule.meta.messages.fixInScope, edits: rewrite(context, call, variant, candidate.context), safe: candidate.safe });
  } else {
    const fn = enclosingFunction(call.call);
    const plan = fn ? plans.get(fn.id) : undefined;
    // A new deadline changes what the query may do at run time (a long report or batch would now fail): it is
    // offered one at a time in the editor, never applied in bulk.
    if (plan && plan.calls.has(call.call.id)) {
      fixes.push({ title: rule.meta.messages.fixTimeout, edits: [...plan.edits, ...rewrite(context, call, variant, plan.name)], safe: false });
    }
  }
  const range = {
    start: { line: call.methodNode.startPosition.row, character: call.methodNode.startPosition.column },
    end: { line: call.call.endPosition.row, character: call.call.endPosition.column },
  };
  const messageId = candidate.migration ? 'noContextLong' : 'noContext';
  context.report({ range, messageId, data, fixes, ...(candidate.migration ? { severity: migrationSeverity(context) } : {}) });
}

/** What a context-bound call hands back that keeps using its context: a transaction, statement, rows, a row, a conn. */
const CONTEXT_BOUND = new Set(['Tx', 'Stmt', 'NamedStmt', 'Rows', 'Row', 'Conn']);

/**
 * True when what a call returns keeps using its context and outlives its function — the call is returned, or
 * its value is bound to a variable that is returned or stored beyond the function — so a deferred cancel would
 * cut it off (a transaction begun here and returned would be rolled back at once).
 */
function resultLeavesFunction(context: FileContext, call: SyntaxNode): boolean {
  const result = context.types.typeOf(call);
  const first = result ? (typeShape(result).kind === 'tuple' ? (typeShape(result) as { types: string[] }).types[0] : result) : null;
  const parts = namedParts(first);
  if (!parts || !CONTEXT_BOUND.has(parts.name)) return false;
  // Only the call's own value: `db.QueryRow(q).Scan(&n)` hands nothing on.
  const list = call.parent;
  const statement = list?.type === 'expression_list' ? list.parent : null;
  if (!statement) return false;
  if (statement.type === 'return_statement') return true;
  if (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement') return false;
  if (statement.childForFieldName('right')?.id !== list!.id) return false;
  const target = statement.childForFieldName('left')?.namedChildren.find((n) => n && n.type !== 'comment');
  if (!target || target.text === '_') return false;
  if (target.type !== 'identifier') return true; // `s.tx, err = db.Begin()`: stored beyond the function
  const declared = context.types.localDeclOf(target);
  if (!declared) return true; // a package variable
  const fn = enclosingFunction(call);
  if (!fn) return false;
  for (const id of findAllWithin(fn, 'identifier')) {
    if (id.startIndex <= target.startIndex || id.text !== target.text || context.types.localDeclOf(id)?.node.id !== declared.node.id) continue;
    const holder = id.parent;
    if (holder?.type === 'return_statement' || holder?.parent?.type === 'return_statement') return true;
    if (holder?.type === 'literal_element' || holder?.type === 'keyed_element') return true;
    if (holder?.type === 'expression_list' && holder.parent?.type === 'assignment_statement' && holder.id === holder.parent.childForFieldName('right')?.id) {
      if ((holder.parent.childForFieldName('left')?.namedChildren ?? []).some((t) => t && t.type !== 'identifier')) return true;
    }
  }
  return false;
}

/** How findings in migration code are reported: the `migrations` setting (default information). */
export function migrationLevel(context: FileContext): RuleLevel {
  return context.settings.migrations ?? 'info';
}

export function migrationSeverity(context: FileContext): Severity {
  const level = migrationLevel(context);
  return level === 'off' ? 'info' : level;
}

/** `db.Query(q, id)` → `db.QueryContext(ctx, q, id)`; `db.Begin()` → `db.BeginTx(ctx, nil)`. */
function rewrite(context: FileContext, call: MethodCall, variant: Variant, ctx: string): FileEdit[] {
  const args = call.call.childForFieldName('arguments')!;
  const open = { line: args.startPosition.row, character: args.startPosition.column + 1 };
  const first = call.args[0];
  let text: string;
  if (!first) text = variant.nilOptions ? `${ctx}, nil` : ctx;
  // An argument list broken after `(` keeps its layout: `(ctx,` then the original lines.
  else text = first.startPosition.row > args.startPosition.row ? `${ctx},` : `${ctx}, `;
  return [replaceNode(context.file, call.methodNode, variant.name), insertAt(context.file, open, text)];
}

/** One shared timeout context per function for the calls that have none in scope. */
function timeoutPlans(context: FileContext, candidates: Candidate[]): Map<number, TimeoutContextPlan> {
  const byFunction = new Map<number, SyntaxNode[]>();
  for (const candidate of candidates) {
    const fn = enclosingFunction(candidate.call.call);
    if (!fn) continue;
    byFunction.set(fn.id, [...(byFunction.get(fn.id) ?? []), candidate.call.call]);
  }
  const plans = new Map<number, TimeoutContextPlan>();
  for (const [fnId, calls] of byFunction) {
    const plan = planTimeoutContext(context.file, context.settings, calls);
    if (plan) plans.set(fnId, plan);
  }
  return plans;
}

/**
 * True when the call may run after the context it would get is cancelled: in a `go` statement, or in a closure
 * started with `go` while the context belongs to an outer function (a request context ends with its handler).
 * The context's owner is the function that declares its first name (`ctx`, `r` of `r.Context()`).
 */
function outlivesContext(call: SyntaxNode, expression: string): boolean {
  if (enclosingStatement(call)?.type === 'go_statement') return true;
  const base = expression.split('.')[0];
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (declaresBefore(fn, base, call)) return false;
    const launcher = fn.parent?.type === 'call_expression' ? fn.parent.parent : null;
    if (fn.type === 'func_literal' && launcher?.type === 'go_statement') return true;
  }
  return false;
}
