/** A database connection string with a password or a host written into non-test code. */
import { Dsn, nonProductionEnvironment, parseDsn } from './dsn';
import { ensureImport, replaceNode } from '../../engine/edits';
import { ancestor, literalValue } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { SourceFile } from '../../go/source';
import { spansContaining, stringLiteralSpans } from '../../go/string-spans';

/** Every DSN the rule reports has a scheme, a user@host, or a host/password key: literals without one are skipped. */
const DSN_MARKERS_ALL = /:\/\/|@|\b(?:host|hostaddr|server|data source|password|pwd)\s*=/gi;

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
      password: {
        en: 'Connection string with an embedded password is hard-coded: everyone with the code has the database, and rotating the password needs a release. Read it from the environment or a secret store.',
        zh: '连接串里直接写了密码：拿到代码的人就能连上数据库，换密码还得重新发版。请从环境变量或密钥服务读取。',
      },
      host: {
        en: 'Connection string for host {host} is hard-coded: every environment talks to the same database and a wrong target cannot be caught by configuration checks. Read it from configuration.',
        zh: '连接串里写死了主机 {host}:所有环境都连同一个库，连错库也无法通过配置校验发现。请从配置读取。',
      },
      fixEnv: { en: 'Read it from the environment: os.Getenv("{variable}")', zh: '改为从环境变量读取:os.Getenv("{variable}")' },
    },
  },
  check(context) {
    if (context.file.isTest) return;
    // Import paths are strings too.
    const importSpans = context.file.imports.map((spec) => [spec.node.startIndex, spec.node.endIndex]);
    for (const { node, dsn } of candidateLiterals(context.file)) {
      if (importSpans.some(([start, end]) => node.startIndex >= start && node.endIndex <= end)) continue;
      const env = dsn.host ? nonProductionEnvironment(dsn.host) : '';
      const messageId = env ? 'nonProdHost' : dsn.password ? 'password' : 'host';
      const variable = dsn.form === 'url' ? 'DATABASE_URL' : 'DB_DSN';
      context.report({ node, messageId, data: { host: dsn.host, env, variable }, fixes: envFix(context, node, variable) });
    }
  },
});

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
