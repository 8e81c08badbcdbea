/** A pool from `sql.Open` (or sqlx/gorm) that its package never bounds with SetMaxOpenConns / SetConnMaxLifetime. */
import { goDuration } from '../../engine/config';
import { DB_OPEN_FUNCTIONS, DbLibrary } from './db-handles';
import { ensureImport } from '../../engine/edits';
import { asMethodCall, callArguments, enclosingFunction, enclosingStatement, findAll } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { defineWorkspaceRule, FixDescriptor } from '../../engine/rule';
import { rangeOf, SourceFile } from '../../go/source';
import type { FileEdit, Range } from '../../engine/types';

const LIMITS = ['SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime'] as const;
/** What the rule asks for; SetMaxIdleConns is written by the fix alongside SetMaxOpenConns but not required. */
const REQUIRED = ['SetMaxOpenConns', 'SetConnMaxLifetime'] as const;

/** Openers that return only the handle; the others return `(handle, error)`. */
const SINGLE_RESULT = ['OpenDB', 'MustOpen', 'MustConnect'];

interface OpenFact {
  range: Range;
  call: string;
  library: DbLibrary;
  /** The expression that holds the handle (`db`, `s.db`), '' when the result goes straight elsewhere. */
  handle: string;
  /** Its last name (`db` for `s.db`), how other statements of the package refer to it. */
  name: string;
  /** Returned or passed on directly: whoever receives it may bound it. */
  escapes: boolean;
  /** Where the fix inserts its lines (end of the open statement, or of the error check after it). */
  insert?: { line: number; character: number; indent: string; timePackage: string; timeImport: FileEdit[] };
}

interface PoolFacts {
  opens: OpenFact[];
  /** Pool-limit calls of the file: method and the receiver's last name. */
  limits: { method: string; name: string }[];
  /** `[from, to]`: `to` names the same handle as `from` (`x := db`, `sqlDB, _ := gdb.DB()`, `&Store{db: conn}`). */
  aliases: [string, string][];
  /** Names returned or passed to calls. */
  escapes: string[];
}

export const rule = defineWorkspaceRule<PoolFacts>({
  meta: {
    id: 'db-pool-unbounded',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A database pool opened with sql.Open (or sqlx/gorm) that its package never bounds with SetMaxOpenConns or never gives SetConnMaxLifetime.',
      zh: '用 sql.Open(或 sqlx/gorm)打开的连接池,所在包从未用 SetMaxOpenConns 限制连接数,或从未设置 SetConnMaxLifetime。',
    },
    why: {
      en: 'database/sql opens as many connections as there are concurrent queries and keeps them forever by default: a burst exhausts the database server\'s connection limit, and connections outlive failovers and load-balancer timeouts.',
      zh: 'database/sql 默认有多少并发查询就开多少连接,并且永久复用：流量突增会打满数据库的连接上限,连接也会熬过主从切换和负载均衡的空闲超时,变成坏连接。',
    },
    messages: {
      unbounded: {
        en: 'The pool from {call} ({handle}) never gets SetMaxOpenConns or SetConnMaxLifetime in this package: it opens a connection for every concurrent query, and keeps each connection forever.',
        zh: '{call} 打开的连接池({handle})在本包中既没有设置 SetMaxOpenConns,也没有设置 SetConnMaxLifetime:每个并发查询都会新开连接,且每个连接被永久复用。',
      },
      noMaxOpenConns: {
        en: 'The pool from {call} ({handle}) never gets SetMaxOpenConns in this package: it opens a connection for every concurrent query, with no limit.',
        zh: '{call} 打开的连接池({handle})在本包中从未设置 SetMaxOpenConns:每个并发查询都会新开连接,没有上限。',
      },
      noConnMaxLifetime: {
        en: 'The pool from {call} ({handle}) never gets SetConnMaxLifetime in this package: it keeps each connection forever, past database failovers and load-balancer timeouts.',
        zh: '{call} 打开的连接池({handle})在本包中从未设置 SetConnMaxLifetime:每个连接被永久复用,熬过数据库主从切换和负载均衡超时。',
      },
      fixLimits: { en: 'Bound the pool ({limits})', zh: '限制连接池({limits})' },
    },
  },
  collect(file) {
    if (file.isTest) return undefined;
    const text = file.text;
    const mentionsLimits = LIMITS.some((m) => text.includes(m));
    const imports = Object.keys(DB_OPEN_FUNCTIONS).some((p) => file.localNameOf(p));
    if (!mentionsLimits && !imports) return undefined;
    const facts: PoolFacts = { opens: [], limits: [], aliases: [], escapes: [] };
    for (const node of findAll(file.root, ['call_expression', 'short_var_declaration', 'assignment_statement', 'var_spec', 'keyed_element', 'return_statement'])) {
      if (node.type === 'call_expression') collectCall(file, node, facts);
      else collectFlow(node, facts);
    }
    if (facts.opens.length === 0 && facts.limits.length === 0) return undefined;
    return facts;
  },
  check(context) {
    const packages = new Map<string, typeof context.files[number][]>();
    const moduleLimits = new Map<string, Set<string>>();
    for (const entry of context.files) {
      const key = `${entry.location.modulePath}\u0000${entry.location.packageDir}`;
      packages.set(key, [...(packages.get(key) ?? []), entry]);
      const limits = moduleLimits.get(entry.location.modulePath) ?? new Set<string>();
      for (const limit of entry.facts.limits) limits.add(limit.method);
      moduleLimits.set(entry.location.modulePath, limits);
    }
    const { pool } = context.settings;
    for (const files of packages.values()) {
      const limits = files.flatMap((f) => f.facts.limits);
      const aliases = files.flatMap((f) => f.facts.aliases);
      const escapes = new Set(files.flatMap((f) => f.facts.escapes));
      const inModule = moduleLimits.get(files[0].location.modulePath)!;
      for (const { location, facts } of files) {
        for (const open of facts.opens) {
          const names = closure(open.name, aliases);
          const escaped = open.escapes || [...names].some((n) => escapes.has(n));
          const bounded = (method: string) => limits.some((l) => l.method === method && names.has(l.name)) || (escaped && inModule.has(method));
          const missing = REQUIRED.filter((m) => !bounded(m));
          if (missing.length === 0) continue;
          const lines = limitLines(open, missing, bounded('SetMaxIdleConns'), pool);
          const fixes: FixDescriptor[] = [];
          if (open.insert && lines) {
            const { line, character, indent, timeImport } = open.insert;
            const edits: FileEdit[] = [{ path: location.path, range: { start: { line, character }, end: { line, character } }, newText: lines.map((l) => `\n${indent}${l}`).join('') }];
            if (missing.includes('SetConnMaxLifetime')) edits.push(...timeImport.map((e) => ({ ...e, path: location.path })));
            fixes.push({ title: rule.meta.messages.fixLimits, edits });
          }
          context.report(location.path, {
            range: open.range,
            messageId: missing.length === 2 ? 'unbounded' : missing[0] === 'SetMaxOpenConns' ? 'noMaxOpenConns' : 'noConnMaxLifetime',
            data: { call: open.call, handle: open.handle || open.call, missing: missing.join(' / '), limits: missing.join(', ') },
            fixes,
          });
        }
      }
    }
  },
});

/** The lines that bound one pool; gorm v2 reaches its *sql.DB through `DB()`, which can fail. */
function limitLines(open: OpenFact, missing: readonly string[], idleBounded: boolean, pool: { maxOpenConns: number; maxIdleConns: number; connMaxLifetime: string }): string[] | null {
  if (!open.insert) return null;
  const calls: string[] = [];
  if (missing.includes('SetMaxOpenConns')) {
    calls.push(`SetMaxOpenConns(${pool.maxOpenConns})`);
    if (!idleBounded) calls.push(`SetMaxIdleConns(${Math.min(pool.maxIdleConns, pool.maxOpenConns)})`);
  }
  if (missing.includes('SetConnMaxLifetime')) calls.push(`SetConnMaxLifetime(${goDuration(pool.connMaxLifetime, open.insert.timePackage)})`);
  if (open.library === 'gorm') return [`if sqlDB, err := ${open.handle}.DB(); err == nil {`, ...calls.map((c) => `\tsqlDB.${c}`), '}'];
  if (open.library === 'gorm-v1') return calls.map((c) => `${open.handle}.DB().${c}`);
  return calls.map((c) => `${open.handle}.${c}`);
}

function collectCall(file: SourceFile, call: SyntaxNode, facts: PoolFacts): void {
  const method = asMethodCall(call);
  if (method && (LIMITS as readonly string[]).includes(method.method)) {
    const name = nameOf(method.receiver);
    if (name) facts.limits.push({ method: method.method, name });
    return;
  }
  const callee = call.childForFieldName('function');
  for (const [path, functions] of Object.entries(DB_OPEN_FUNCTIONS)) {
    if (!file.isPackageSelector(callee, [path], Object.keys(functions))) continue;
    const library = functions[callee!.childForFieldName('field')!.text].library;
    facts.opens.push(openFact(file, call, callee!.text, library));
    return;
  }
  for (const arg of callArguments(call)) {
    const name = nameOf(arg);
    if (name) facts.escapes.push(name);
  }
}

function openFact(file: SourceFile, call: SyntaxNode, callText: string, library: DbLibrary): OpenFact {
  const fact: OpenFact = { range: rangeOf(call), call: callText, library, handle: '', name: '', escapes: true };
  const parent = call.parent;
  const keyed = parent?.type === 'literal_element' ? parent.parent : null;
  if (keyed?.type === 'keyed_element') {
    const key = keyed.childForFieldName('key');
    const name = key && key.id !== parent!.id ? nameOf(key) : null;
    if (name) Object.assign(fact, { handle: name, name, escapes: false });
    return fact;
  }
  if (parent?.type !== 'expression_list' || parent.namedChildCount !== 1) return fact;
  const holder = parent.parent;
  let targets: SyntaxNode[] = [];
  if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
    targets = (holder.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
  } else if (holder?.type === 'var_spec') {
    targets = holder.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
  }
  const target = targets[0];
  const name = target ? nameOf(target) : null;
  if (!target || !name || target.text === '_') return fact;
  Object.assign(fact, { handle: target.text, name, escapes: false });
  // With its error dropped the handle may be nil: bounding it would panic, so db-open-error-ignored goes first.
  if (!SINGLE_RESULT.includes(callText.split('.').pop()!) && (!targets[1] || targets[1].text === '_')) return fact;
  fact.insert = insertionPoint(file, call, holder!, targets[1]?.text) ?? undefined;
  return fact;
}

/** After the open statement, or after the `if err != nil { ... }` that checks it. */
function insertionPoint(file: SourceFile, call: SyntaxNode, holder: SyntaxNode, errName: string | undefined): OpenFact['insert'] | null {
  if (!enclosingFunction(call)) return null;
  const statement = holder.type === 'var_spec' ? holder.parent : holder;
  if (!statement || enclosingStatement(call)?.id !== statement.id) return null;
  if (holder.type === 'var_spec' && statement.type !== 'var_declaration') return null;
  const timePackage = file.localNameOf('time') ?? (file.importPathOf('time') ? null : 'time');
  if (!timePackage) return null;
  let last = statement;
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const condition = next?.type === 'if_statement' ? next.childForFieldName('condition')?.text ?? '' : '';
  if (errName && errName !== '_' && new RegExp(`\\b${errName}\\s*!=\\s*nil\\b`).test(condition) && !next!.childForFieldName('initializer')) {
    // With an else branch the handle is used inside the check itself: no single place is right for the limits.
    if (next!.childForFieldName('alternative')) return null;
    last = next!;
  }
  const line = last.endPosition.row;
  return { line, character: file.lineText(line).length, indent: file.indentOf(statement.startPosition.row), timePackage, timeImport: ensureImport(file, 'time') };
}

/** Aliases and escapes: where a handle's name flows within the file. */
function collectFlow(node: SyntaxNode, facts: PoolFacts): void {
  if (node.type === 'return_statement') {
    for (const value of node.namedChildren[0]?.namedChildren ?? []) {
      const name = value ? nameOf(value) : null;
      if (name) facts.escapes.push(name);
    }
    return;
  }
  if (node.type === 'keyed_element') {
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value');
    const from = value ? nameOf(value) : null;
    const to = key ? nameOf(key) : null;
    if (from && to) facts.aliases.push([from, to]);
    return;
  }
  let left: SyntaxNode[] = [];
  let right: SyntaxNode[] = [];
  if (node.type === 'var_spec') {
    left = node.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
    right = (node.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
  } else {
    left = (node.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
    right = (node.childForFieldName('right')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
  }
  const pairs: [SyntaxNode, SyntaxNode][] = right.length === left.length ? left.map((l, i) => [l, right[i]]) : right.length === 1 && left.length > 0 ? [[left[0], right[0]]] : [];
  for (const [to, from] of pairs) {
    const a = nameOf(from);
    const b = nameOf(to);
    if (a && b && a !== b) facts.aliases.push([a, b]);
  }
}

/** How code refers to a handle: `db` → db, `s.db` → db, `&x` → x, `gdb.DB()` → gdb. */
function nameOf(expr: SyntaxNode): string | null {
  switch (expr.type) {
    case 'identifier':
    case 'field_identifier':
      return expr.text === '_' ? null : expr.text;
    case 'selector_expression':
      return expr.childForFieldName('field')?.text ?? null;
    case 'unary_expression':
    case 'parenthesized_expression':
    case 'literal_element': {
      const inner = expr.namedChildren[expr.namedChildren.length - 1];
      return inner ? nameOf(inner) : null;
    }
    case 'call_expression': {
      const call = asMethodCall(expr);
      return call && call.method === 'DB' && call.args.length === 0 ? nameOf(call.receiver) : null;
    }
    default:
      return null;
  }
}

function closure(start: string, aliases: [string, string][]): Set<string> {
  const names = new Set<string>(start ? [start] : []);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [a, b] of aliases) {
      if (names.has(a) && !names.has(b)) names.add(b), (grew = true);
      else if (names.has(b) && !names.has(a)) names.add(a), (grew = true);
    }
  }
  return names;
}
