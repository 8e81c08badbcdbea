/**
 * A database connection string with a password or a host written into non-test code, literally or assembled with
 * fmt.Sprintf from literal parts; and Redis, broker, gRPC or etcd addresses on local, private or dev hosts where
 * a client is built. A literal only compared against (`if dsn == defaultDSN`) configures nothing.
 */
import { Dsn, nonProductionEnvironment, parseDsn } from './dsn';
import { serviceAddresses } from './service-address';
import { ensureImport, replaceNode } from '../../engine/edits';
import { ancestor, fieldChildren, findAll, literalValue } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { SourceFile } from '../../go/source';
import { spansContaining, stringLiteralSpans } from '../../go/string-spans';
import { constantString } from '../constant-string';
import { usesOf } from '../local-uses';
import { isTestHarness } from '../test-harness';
import { importUses } from '../imports';
import { rangeOf } from '../../go/source';
import { callsNamed } from '../../go/calls-by-name';

/** Every DSN the rule reports has a scheme, a user@host, or a host/password key: literals without one are skipped. */
const DSN_MARKERS_ALL = /:\/\/|@|\b(?:host|hostaddr|server|data source|password|pwd)\s*=/gi;
const DSN_MARKER = /:\/\/|@|\b(?:host|hostaddr|server|data source|password|pwd)\s*=/i;

export const rule = defineFileRule({
  meta: {
    id: 'config-hardcoded-dsn',
    trap: 'config',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A database DSN or connection URL with a password or a host hard-coded in non-test code.',
      zh: '非测试代码里硬编码了带密码或主机地址的数据库 DSN / 连接串。',
    },
    why: {
      en: 'A connection string in code cannot differ per environment and cannot be checked at start-up: the wrong database is one bad build away. A payment-callback service once started in production with the development connection string and wrote real order states into the dev database.',
      zh: '写死在代码里的连接串无法按环境区分,也没法在启动时校验，连错库只差一次错误的构建。曾有支付回调服务在生产环境加载了开发环境的连接串，把真实订单状态写进了开发库，造成资损。',
    },
    messages: {
      nonProdHost: {
        en: 'Hard-coded connection string points at {host} ({env}): if production ever runs with it, real writes land in the wrong database. Read it from configuration and check it at start-up.',
        zh: '硬编码的连接串指向 {host}({env}):一旦生产环境用上它，真实写入就会落到错误的库里。请从配置读取，并在启动时校验。',
      },
      noHost: {
        en: 'Hard-coded connection string names no host, so the driver connects to a database on the local machine (a development set-up), with its password in the code: if production ever runs with it, real writes land in the wrong database. Read it from configuration and check it at start-up.',
        zh: '硬编码的连接串没有指定主机，驱动会连接本机上的数据库(开发环境的配置)，而且密码写在代码里：一旦生产环境用上它，真实写入就会落到错误的库里。请从配置读取，并在启动时校验。',
      },
      sameValue: { en: 'the same connection string again', zh: '同一个连接串再次出现' },
      password: {
        en: 'Connection string with an embedded password is hard-coded: everyone with the code has the database, and rotating the password needs a release. Read it from the environment or a secret store.',
        zh: '连接串里直接写了密码：拿到代码的人就能连上数据库，换密码还得重新发版。请从环境变量或密钥服务读取。',
      },
      host: {
        en: 'Connection string for host {host} is hard-coded: every environment talks to the same database and a wrong target cannot be caught by configuration checks. Read it from configuration.',
        zh: '连接串里写死了主机 {host}:所有环境都连同一个库，连错库也无法通过配置校验发现。请从配置读取。',
      },
      serviceAddress: {
        en: 'Hard-coded {service} address {host} ({env}) in non-test code: if production ever runs with it, the service talks to the wrong {service} or to none. Read it from configuration and check it at start-up.',
        zh: '非测试代码里硬编码了 {service} 地址 {host}({env}):一旦生产环境用上它，服务就会连到错误的 {service}，或者根本连不上。请从配置读取，并在启动时校验。',
      },
      servicePassword: {
        en: 'Hard-coded {service} address with an embedded password: everyone with the code has the credentials, and rotating them needs a release. Read it from the environment or a secret store.',
        zh: '硬编码的 {service} 地址里直接写了密码：拿到代码的人就有了凭据，换密码还得重新发版。请从环境变量或密钥服务读取。',
      },
      fixEnv: { en: 'Read it from the environment: os.Getenv("{variable}")', zh: '改为从环境变量读取:os.Getenv("{variable}")' },
    },
  },
  check(context) {
    const { file, types } = context;
    if (isTestHarness(file, context.location, context.settings)) return;
    const candidates = candidateLiterals(file);
    // Import paths are strings too.
    const importSpans = candidates.length === 0 ? [] : file.imports.map((spec) => [spec.node.startIndex, spec.node.endIndex]);
    const reported = new Set<number>();
    // One value written twice in one literal (a defaults table's parsed and raw forms) is one decision.
    const byTable = new Map<string, { node: SyntaxNode; dsn: Dsn; repeats: SyntaxNode[] }>();
    for (const { node, dsn } of candidates) {
      if (importSpans.some(([start, end]) => node.startIndex >= start && node.endIndex <= end)) continue;
      if (onlyCompared(types, node)) continue;
      reported.add(node.id);
      const table = ancestor(node, 'composite_literal');
      const key = table ? `${table.id}\u0000${literalValue(node.text)}` : `${node.id}`;
      const first = byTable.get(key);
      if (first) first.repeats.push(node);
      else byTable.set(key, { node, dsn, repeats: [] });
    }
    for (const { node, dsn, repeats } of byTable.values()) reportDsn(context, node, dsn, true, repeats);
    for (const { call, dsn, replaceable } of assembledDsns(types, reported)) reportDsn(context, call, dsn, replaceable);
    for (const address of serviceAddresses(types)) {
      if (reported.has(address.node.id) || onlyCompared(types, address.node)) continue;
      const messageId = address.env ? 'serviceAddress' : 'servicePassword';
      const data = { service: address.service, host: address.host, env: address.env, variable: address.variable ?? '' };
      context.report({ node: address.node, messageId, data, fixes: address.variable ? envFix(context, address.node, address.variable) : [] });
    }
  },
});

function reportDsn(context: FileContext, node: SyntaxNode, dsn: Dsn, replaceable = true, repeats: SyntaxNode[] = []): void {
  const env = dsn.host ? nonProductionEnvironment(dsn.host) : '';
  const messageId = env ? 'nonProdHost' : dsn.password && dsn.defaultHost ? 'noHost' : dsn.password ? 'password' : 'host';
  const variable = dsn.form === 'url' ? 'DATABASE_URL' : 'DB_DSN';
  // A default in a table keyed by the variable that overrides it (`"DATABASE_URL": {default: "..."}`) is read
  // from the environment already: an os.Getenv written into the table would invent a second variable.
  const fixes = replaceable && repeats.length === 0 && !envVariableKey(node) ? envFix(context, node, variable) : [];
  const related = repeats.map((repeat) => ({ path: context.file.path, range: rangeOf(repeat), message: rule.meta.messages.sameValue }));
  context.report({ node, messageId, data: { host: dsn.host, env, variable }, related, fixes });
}

const ENV_VARIABLE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** True when the literal sits in a composite literal element keyed by an environment variable's name. */
function envVariableKey(literal: SyntaxNode): boolean {
  for (let node = literal.parent; node && node.type !== 'source_file' && !node.type.endsWith('declaration'); node = node.parent) {
    if (node.type !== 'keyed_element') continue;
    const key = node.childForFieldName('key');
    const text = key?.namedChild(0)?.type === 'interpreted_string_literal' ? literalValue(key.namedChild(0)!.text) : '';
    if (ENV_VARIABLE.test(text)) return true;
  }
  return false;
}

/**
 * True when the literal configures nothing: it is an operand of `==`/`!=` or a `case` value, or a constant or
 * variable of this file whose every use is one (`if cfg.DSN == defaultDSN { warn }`).
 */
function onlyCompared(types: Resolver, literal: SyntaxNode): boolean {
  if (isComparedOperand(literal)) return true;
  const list = literal.parent;
  const spec = list?.type === 'expression_list' ? list.parent : null;
  if (spec?.type !== 'const_spec' && spec?.type !== 'var_spec') return false;
  const index = list!.namedChildren.findIndex((n) => n?.id === literal.id);
  const name = fieldChildren(spec, 'name')[index];
  if (!name) return false;
  const local = types.localDeclOf(name);
  const uses = local
    ? usesOf(types, local)
    : findAll(types.file.root, 'identifier').filter((id) => id.id !== name.id && id.text === name.text && !types.localDeclOf(id));
  return uses.length > 0 && uses.every(isComparedOperand);
}

function isComparedOperand(node: SyntaxNode): boolean {
  let value = node;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const parent = value.parent;
  if (parent?.type === 'binary_expression') return ['==', '!='].includes(parent.childForFieldName('operator')?.type ?? '');
  return parent?.type === 'expression_list' && parent.parent?.type === 'expression_case' && parent.parent.childForFieldName('value')?.id === parent.id;
}

/**
 * `fmt.Sprintf("postgres://%s:%s@%s/shop", "admin", "s3cret", "10.0.0.5")`: the format filled with the arguments
 * known at compile time (literals, constants); the others stay verbs, which read as placeholders. Reported when a
 * host or password comes out literal and the format alone was not already reported.
 */
function assembledDsns(types: Resolver, reported: ReadonlySet<number>): { call: SyntaxNode; dsn: Dsn; replaceable: boolean }[] {
  const file = types.file;
  // From the text first: a Sprintf whose format is a literal with no DSN marker is a message, and most are.
  const formats = [...file.text.matchAll(/Sprintf\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`|[\p{L}_][\p{L}\p{N}_]*\s*,)/gu)].map((m) => m[1]);
  if (!formats.some((f) => !/^["`]/.test(f) || DSN_MARKER.test(f))) return [];
  const found: { call: SyntaxNode; dsn: Dsn; replaceable: boolean }[] = [];
  let fmtUses: number | undefined;
  for (const call of callsNamed(file, ['Sprintf'])) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Sprintf') continue;
    // Most formats are messages: only one that could read as a DSN is worth resolving.
    const first = call.childForFieldName('arguments')?.namedChild(0);
    if (!first || (first.type === 'interpreted_string_literal' || first.type === 'raw_string_literal' ? !DSN_MARKER.test(first.text) : first.type !== 'identifier')) continue;
    const callee = types.calleeOf(call);
    if (callee?.kind !== 'func' || callee.pkg !== 'fmt') continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    if (args.length < 2 || reported.has(args[0].id) || args.some((a) => a.type === 'variadic_argument')) continue;
    const format = constantString(types, args[0]);
    const text = format === null ? null : fillFormat(format, args.slice(1).map((a) => constantString(types, a) ?? (a.type === 'int_literal' ? a.text : null)));
    const dsn = text && text.length >= 6 ? parseDsn(text) : null;
    if (!dsn || (!dsn.host && !dsn.password) || onlyCompared(types, call)) continue;
    // Replacing the call must leave no variable (Go rejects unused ones; constants may go unused) and no `fmt` import unused.
    fmtUses ??= importUses(types, 'fmt').length;
    const replaceable = fmtUses > 1 && args.every((a) => a.type === 'int_literal' || constantString(types, a) !== null);
    found.push({ call, dsn, replaceable });
  }
  return found;
}

/** The format with each verb replaced by its known argument; unknown ones stay `%s`. Null for formats this does not read. */
function fillFormat(format: string, values: (string | null)[]): string | null {
  let next = 0;
  let failed = false;
  const text = format.replace(/%([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])/g, (verb, flags: string, kind: string) => {
    if (kind === '%') return '%';
    if (flags || !'svdq'.includes(kind)) failed = true;
    const value = values[next++];
    if (value === null || value === undefined) return '%s';
    return kind === 'q' ? JSON.stringify(value) : value;
  });
  return failed || next !== values.length ? null : text;
}

/**
 * The literals that may be reported, with the DSN each reads as. Markers and literal bounds come from the text,
 * so only the few real candidates are looked up in the tree; files of escaped binary data hold markers by the
 * thousand, and each tree lookup walks down a deep expression.
 */
function candidateLiterals(file: SourceFile): { node: SyntaxNode; dsn: Dsn }[] {
  const markers = [...file.text.matchAll(DSN_MARKERS_ALL)].map((m) => m.index!);
  if (markers.length === 0) return [];
  const found: { node: SyntaxNode; dsn: Dsn }[] = [];
  for (const span of spansContaining(stringLiteralSpans(file.text), markers)) {
    const value = literalValue(file.text.slice(span.start, span.end));
    const dsn = value.length >= 6 ? parseDsn(value) : null;
    if (!dsn || (!dsn.host && !dsn.password)) continue;
    const node = file.root.namedDescendantForIndex(span.start, span.end - 1);
    // The tree has the last word: broken code may lex differently.
    if (node && node.startIndex === span.start && node.endIndex === span.end && LITERAL_TYPES.has(node.type)) found.push({ node, dsn });
  }
  return found;
}

const LITERAL_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);

/**
 * Replaces the literal with `os.Getenv(...)`: unsafe, since the deployment must then provide the variable.
 * Not offered inside constants (a call is not constant) or where the name `os` means something else.
 */
function envFix(context: FileContext, literal: SyntaxNode, variable: string): FixDescriptor[] {
  if (ancestor(literal, 'const_declaration')) return [];
  const osName = context.file.localNameOf('os') ?? (context.file.importPathOf('os') ? null : 'os');
  if (!osName) return [];
  return [
    {
      title: rule.meta.messages.fixEnv,
      edits: [replaceNode(context.file, literal, `${osName}.Getenv("${variable}")`), ...ensureImport(context.file, 'os')],
      safe: false,
    },
  ];
}
