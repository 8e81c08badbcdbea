/**
 * `log.Printf("callback failed")` in service code: a line no one can search by order, user or channel. Reported
 * once per decision — the standard log package in a package, or one *log.Logger where it is declared — with the
 * count of calls and files, not once per call: a team changes the logger, not each line.
 */
import { collectUnstructured, LoggerUse, UnstructuredFacts } from './log-decisions';
import { defineWorkspaceRule, FileLocation, RelatedDescriptor } from '../../engine/rule';
import type { FileEdit, Range } from '../../engine/types';

/** Related locations listed per finding: the first call of each file, up to this many files. */
export const RELATED_FILES = 20;

const messages = {
  packageCalls: {
    en: 'The standard log package writes unstructured lines in package {package} (calls: {calls}, files: {files}): use structured logging ({target}) so each line carries searchable fields.',
    zh: '标准库 log 包在 {package} 包中输出非结构化日志(调用 {calls} 处，文件 {files} 个)：请改用结构化日志({target})，让每行日志带上可检索的字段。',
  },
  packageCallsNoTarget: {
    en: 'The standard log package writes unstructured lines in package {package} (calls: {calls}, files: {files}): use a structured logger so each line carries searchable fields (this module\'s Go {goVersion} has no log/slog, and the module imports no zap, zerolog or logrus to convert to).',
    zh: '标准库 log 包在 {package} 包中输出非结构化日志(调用 {calls} 处，文件 {files} 个)：请改用结构化日志，让每行日志带上可检索的字段(本模块的 Go {goVersion} 没有 log/slog，模块中也没有引入可转换的 zap、zerolog 或 logrus)。',
  },
  loggerCalls: {
    en: '{logger} is a *log.Logger that writes unstructured lines (calls: {calls}, files: {files}): make it a structured logger (*slog.Logger, zap, zerolog or logrus) so each line carries searchable fields.',
    zh: '{logger} 是输出非结构化日志的 *log.Logger(调用 {calls} 处，文件 {files} 个)：请改为结构化日志记录器(*slog.Logger、zap、zerolog 或 logrus)，让每行日志带上可检索的字段。',
  },
  handedCalls: {
    en: 'A *log.Logger is handed around module {module} ({loggers}) and writes unstructured lines (calls: {calls}, files: {files}): hand over a structured logger (*slog.Logger, zap, zerolog or logrus) instead, so each line carries searchable fields.',
    zh: '模块 {module} 中到处传递的 *log.Logger({loggers})输出非结构化日志(调用 {calls} 处，文件 {files} 个)：请改为传递结构化日志记录器(*slog.Logger、zap、zerolog 或 logrus)，让每行日志带上可检索的字段。',
  },
  fixPackage: { en: 'Convert the log calls of package {package} to {target} ({converted} of {calls})', zh: '将 {package} 包中的 log 调用转换为 {target}({calls} 处中的 {converted} 处)' },
};

/** Loggers listed by name in a handed-around finding's message. */
const NAMED_LOGGERS = 4;

export const rule = defineWorkspaceRule<UnstructuredFacts>({
  meta: {
    id: 'log-unstructured',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'The standard log package (or a *log.Logger) writes free-text lines in service code; use a structured logger. One finding per package or logger.',
      zh: '服务代码中使用标准库 log 包(或 *log.Logger)输出自由文本日志；应改用结构化日志。每个包或每个日志记录器报告一次。',
    },
    why: {
      en: 'A free-text line such as "callback failed" cannot be searched or joined by order id, user or channel, and carries no trace id, so an incident turns into grepping guesses.',
      zh: '"callback failed" 这样的自由文本日志无法按订单号、用户或渠道检索与关联，也不带 trace id，排查故障只能靠 grep 瞎猜。',
    },
    messages,
  },
  collect(file, settings, location, types) {
    return collectUnstructured(file, settings, location, types);
  },
  check(context) {
    const files = [...context.files].sort((a, b) => a.location.path.localeCompare(b.location.path));
    const declared = new Map<string, { path: string; range: Range }>();
    const services = new Set<string>();
    const mains = new Set<string>();
    for (const { location, facts } of files) {
      for (const d of facts.declarations) if (!declared.has(d.key)) declared.set(d.key, { path: location.path, range: d.range });
      if (facts.packageName === 'main') mains.add(facts.packagePath);
      if (facts.serves) services.add(facts.packagePath);
    }
    // A package main that serves nothing is a command-line tool: its lines go to a person's terminal.
    const isTool = (pkg: string) => mains.has(pkg) && !services.has(pkg);
    const groups = new Map<string, { use: LoggerUse; location: FileLocation; facts: UnstructuredFacts }[]>();
    const handedKeys = new Map<string, Set<string>>();
    for (const { location, facts } of files) {
      if (isTool(facts.packagePath)) continue;
      // The file that makes the service's *log.Logger variables reports its own set-up errors on the standard
      // logger (tinode's logs.parseFlags): nothing else exists there yet, and its loggers are reported themselves.
      const makesLoggers = facts.declarations.some((d) => d.key.startsWith('var:'));
      for (const use of facts.uses) {
        if (makesLoggers && use.key.startsWith('pkg:')) continue;
        // Fields and parameters hold a logger made elsewhere: one decision per module, whatever it is called.
        const key = handedOver(use.key) ? `handed:${location.modulePath}` : use.key;
        const list = groups.get(key) ?? [];
        list.push({ use, location, facts });
        groups.set(key, list);
        if (key !== use.key) handedKeys.set(key, (handedKeys.get(key) ?? new Set()).add(use.key));
      }
    }
    for (const [key, uses] of groups) {
      const first = uses[0];
      const stored = handedKeys.get(key);
      const declaredAt = stored ? [...stored].map((k) => declared.get(k)).find((d) => d) : declared.get(key);
      const at = declaredAt ?? { path: first.location.path, range: first.use.first };
      const calls = uses.reduce((n, u) => n + u.use.calls, 0);
      const perFile = callsPerFile(uses);
      const related: RelatedDescriptor[] = [...perFile].slice(0, RELATED_FILES).map(([path, { calls: n, first: range }]) => ({
        path,
        range,
        message: { en: `${n} unstructured ${n === 1 ? 'call' : 'calls'} in this file (the first)`, zh: `本文件中 ${n} 处非结构化日志调用(此为第一处)` },
      }));
      const data = { calls, files: perFile.size, package: packageLabel(first.facts.packagePath), goVersion: first.location.goVersion || '?' };
      if (stored) {
        const names = [...new Set(uses.map((u) => loggerLabel(u.use.key, u.use)))];
        const loggers = names.slice(0, NAMED_LOGGERS).join(', ') + (names.length > NAMED_LOGGERS ? ', …' : '');
        context.report(at.path, { range: at.range, messageId: 'handedCalls', data: { ...data, module: first.location.modulePath || '(no go.mod)', loggers }, related });
        continue;
      }
      if (first.use.kind === 'logger') {
        context.report(at.path, { range: at.range, messageId: 'loggerCalls', data: { ...data, logger: loggerLabel(key, first.use) }, related });
        continue;
      }
      const converting = uses.filter((u) => u.facts.conversion);
      const targets = [...new Set(uses.map((u) => u.facts.target).filter(Boolean))];
      const target = targets.join(' / ');
      const edits: FileEdit[] = converting.flatMap((u) => u.facts.conversion!.edits);
      const converted = converting.reduce((n, u) => n + u.facts.conversion!.converted, 0);
      context.report(at.path, {
        range: at.range,
        messageId: targets.length > 0 ? 'packageCalls' : 'packageCallsNoTarget',
        data: { ...data, target, converted },
        related,
        fixes: edits.length > 0 ? [{ title: messages.fixPackage, edits, safe: converting.every((u) => u.facts.conversion!.safe) }] : [],
      });
    }
  },
});

/** Each file's count of calls and its first call, files in path order. */
function callsPerFile(uses: { use: LoggerUse; location: FileLocation }[]): Map<string, { calls: number; first: Range }> {
  const perFile = new Map<string, { calls: number; first: Range }>();
  for (const { use, location } of uses) {
    const seen = perFile.get(location.path);
    if (!seen) perFile.set(location.path, { calls: use.calls, first: use.first });
    else {
      seen.calls += use.calls;
      if (before(use.first, seen.first)) seen.first = use.first;
    }
  }
  return perFile;
}

function before(a: Range, b: Range): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);
}

/** Storage that holds a logger made elsewhere: a struct field, a parameter, or a value we cannot name. */
function handedOver(key: string): boolean {
  return key.startsWith('field:') || key.startsWith('param:') || key.startsWith('expr:');
}

/** A package by its last path element (`server`, `store`), as people name it. */
function packageLabel(importPath: string): string {
  return importPath.slice(importPath.lastIndexOf('/') + 1) || importPath;
}

/** A logger as people name it: `logs.Warn`, `App.log`, or the receiver as first written. */
function loggerLabel(key: string, use: LoggerUse): string {
  const stored = /^(var|field):"([^"]*)"\.(.+)$/.exec(key);
  if (!stored) return use.name;
  return stored[1] === 'var' ? `${packageLabel(stored[2])}.${stored[3]}` : stored[3];
}
