/** `log.Printf("callback failed")` in service code: a line no one can search by order, user or channel. */
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { callArguments, contextInScope, enclosingFunction, enclosingTopLevelFunction, findAll, functionName } from '../../go/syntax';
import { namedParts } from '../../go/types';
import { chooseTarget, convertCall, ImportNeed, LoggerTarget, LogLevel } from './logging-convert';
import { fromPrint, fromPrintf, literalText, StructuredLine } from './logging-format';
import { FINDINGS_PER_FILE, NOT_LISTED } from './finding-budget';
import { importEdits, ownsItsLines, packageReferences } from './logging-imports';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { FileEdit, FixGroup } from '../../engine/types';

const LEVELS: Record<string, LogLevel | 'print'> = {
  Print: 'print', Printf: 'print', Println: 'print',
  Fatal: 'fatal', Fatalf: 'fatal', Fatalln: 'fatal',
  Panic: 'panic', Panicf: 'panic', Panicln: 'panic',
};

const ERROR_WORDS = /\b(err|error|errors|fail|failed|failure|failing|cannot|can't|unable|invalid)\b/i;

/** The fix group of a file's conversions: fix-all applies them as one, dropping the `log` import they leave unused. */
const GROUP_ID = 'log-unstructured';

export const rule = defineFileRule({
  meta: {
    id: 'log-unstructured',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'The standard log package (or a *log.Logger) writes free-text lines in service code; use a structured logger.',
      zh: '服务代码中使用标准库 log 包(或 *log.Logger)输出自由文本日志；应改用结构化日志。',
    },
    why: {
      en: 'A free-text line such as "callback failed" cannot be searched or joined by order id, user or channel, and carries no trace id, so an incident turns into grepping guesses.',
      zh: '"callback failed" 这样的自由文本日志无法按订单号、用户或渠道检索与关联，也不带 trace id，排查故障只能靠 grep 瞎猜。',
    },
    messages: {
      unstructured: {
        en: '{call} writes an unstructured line: use structured logging ({target}) so the line carries searchable fields.',
        zh: '{call} 输出的是非结构化日志：请改用结构化日志（{target}），让日志带上可检索的字段。',
      },
      unstructuredNoTarget: {
        en: '{call} writes an unstructured line: use a structured logger so the line carries searchable fields (this module\'s Go {goVersion} has no log/slog, and the module imports no zap, zerolog or logrus to convert to).',
        zh: '{call} 输出的是非结构化日志：请改用结构化日志，让日志带上可检索的字段(本模块的 Go {goVersion} 没有 log/slog，模块中也没有引入可转换的 zap、zerolog 或 logrus)。',
      },
      notListed: NOT_LISTED,
      fixOne: { en: 'Convert this call to {target}', zh: '将此调用转换为 {target}' },
    },
  },
  check(context) {
    const { file, settings, types } = context;
    if (file.isTest || types.ownPackage === 'log') return;
    const logName = file.localNameOf('log');
    // Asked once: the package name is read from the tree's top level, which is as long as the file.
    const mainExempt = settings.log.allowInMain && file.packageName === 'main';
    const calls: { call: SyntaxNode; method: string; packageCall: boolean }[] = [];
    for (const call of findAll(file.root, 'call_expression')) {
      const found = stdLogCall(context, call);
      if (!found) continue;
      if (mainExempt && inMainOrInit(call)) continue;
      calls.push({ call, ...found });
    }
    if (calls.length === 0) return;
    const listed = calls.slice(0, FINDINGS_PER_FILE);
    const target = chooseTarget(file, logName ?? '', context.location, types);
    // Only calls of the package's functions convert: a *log.Logger's own output and prefix have no equivalent
    // in a global structured logger, so its calls are reported without a fix.
    const conversions = listed.map(({ call, method, packageCall }) => ({
      call,
      conversion: target?.writable && packageCall && logName ? convert(context, call, method, target) : null,
    }));
    const fixes = conversionFixes(context, conversions, logName);
    conversions.forEach(({ call }, i) => {
      context.report({
        node: call,
        messageId: target ? 'unstructured' : 'unstructuredNoTarget',
        data: { call: call.childForFieldName('function')!.text, target: target?.label ?? '', goVersion: context.location.goVersion },
        fixes: fixes[i],
      });
    });
    if (calls.length > listed.length) {
      context.report({ node: calls[listed.length].call, messageId: 'notListed', data: { more: calls.length - listed.length, limit: FINDINGS_PER_FILE } });
    }
  },
});

/**
 * Each call's own fix (its conversion, plus the imports it needs alone: the `log` import goes only with the
 * file's last use of it), all in one fix group whose combined edits, on the first member, convert every call and
 * drop the `log` import once nothing else uses it. Fix-all applies those when it takes the whole group.
 */
function conversionFixes(context: FileContext, conversions: { call: SyntaxNode; conversion: CallConversion | null }[], logName: string | undefined): FixDescriptor[][] {
  const { file } = context;
  const convertible = conversions.filter((c) => c.conversion !== null);
  const spec = file.imports.find((s) => s.path === 'log' && s.localName === logName) ?? null;
  const dropImport = !!logName && convertible.length > 0 && convertible.length === packageReferences(file, logName);
  // Most calls need the same imports: their edits are worked out once per set (ensureImport reads the top level).
  const importsFor = new Map<string, FileEdit[] | null>();
  const importsOf = (imports: ImportNeed[], dropping: boolean) => {
    const key = `${dropping}|${imports.map((i) => `${i.name ?? ''} ${i.path}`).join(',')}`;
    if (!importsFor.has(key)) importsFor.set(key, importEdits(file, imports, dropping ? spec : null));
    return importsFor.get(key)!;
  };
  const alone = dropImport && convertible.length === 1;
  const members = conversions.map(({ conversion }) => {
    const imports = conversion ? importsOf(conversion.imports, alone) : null;
    return imports ? { ...conversion!, edits: [...conversion!.edits, ...imports] } : null;
  });
  const group: FixGroup = { id: GROUP_ID, size: members.filter((m) => m).length };
  let combinable = true;
  if (convertible.length > 1) {
    const imports = importEdits(file, convertible.flatMap((c) => c.conversion!.imports), dropImport ? spec : null);
    if (imports) group.combined = [...convertible.flatMap((c) => c.conversion!.edits), ...imports];
    // Without the combined edits, converting every call one by one would leave the `log` import unused.
    else combinable = !dropImport;
  }
  let first = true;
  return members.map((member) => {
    if (!member) return [];
    // The combined edits travel with the first member only, so the output stays linear in the calls.
    const fix: FixDescriptor = {
      title: rule.meta.messages.fixOne,
      edits: member.edits,
      safe: member.safe && combinable,
      group: first ? group : { id: group.id, size: group.size },
    };
    first = false;
    return [fix];
  });
}

/** True inside `func main()` or `func init()` (of a file already known to be in package main). */
function inMainOrInit(call: SyntaxNode): boolean {
  const fn = enclosingTopLevelFunction(call);
  const name = fn?.type === 'function_declaration' ? functionName(fn) : '';
  return name === 'main' || name === 'init';
}

/**
 * A Print, Fatal or Panic call of the standard log package (under any import name, not shadowed), or of a
 * `*log.Logger` value (`s.log.Printf`), as the resolver sees it.
 */
function stdLogCall(context: FileContext, call: SyntaxNode): { method: string; packageCall: boolean } | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return null;
  const method = fn.childForFieldName('field')?.text ?? '';
  // Most calls are something else: the method name decides before the resolver is asked.
  if (!Object.hasOwn(LEVELS, method)) return null;
  const callee = context.types.calleeOf(call);
  if (callee?.kind === 'func') return callee.pkg === 'log' ? { method, packageCall: true } : null;
  if (callee?.kind === 'method') {
    const receiver = namedParts(callee.receiver);
    return receiver?.pkg === 'log' && receiver.name === 'Logger' ? { method, packageCall: false } : null;
  }
  return null;
}

interface CallConversion {
  edits: FileEdit[];
  imports: ImportNeed[];
  safe: boolean;
}

/** The edits that turn one std log call into a structured one, or null when that cannot be done faithfully. */
function convert(context: FileContext, call: SyntaxNode, method: string, target: LoggerTarget): CallConversion | null {
  const { file } = context;
  const args = callArguments(call);
  if (call.descendantsOfType('comment').length > 0 || args.some((a) => a.type === 'variadic_argument')) return null;
  const fallback = messageFallback(call);
  let line: StructuredLine | null;
  if (method.endsWith('f')) {
    const format = args[0] ? literalText(args[0]) : null;
    line = format === null ? null : fromPrintf(format, args.slice(1), fallback);
  } else line = fromPrint(args, fallback);
  if (!line) return null;

  const kind = LEVELS[method];
  const level: LogLevel = kind !== 'print' ? kind : line.fields.some((f) => f.isError) || ERROR_WORDS.test(line.message) ? 'error' : 'info';
  const fmtName = file.localNameOf('fmt') ?? 'fmt';
  const sprint = method === 'Panicf' ? 'Sprintf' : method === 'Panicln' ? 'Sprintln' : 'Sprint';
  const panicValue = `${fmtName}.${sprint}${call.childForFieldName('arguments')!.text}`;
  const ctx = target.kind === 'slog' ? (contextInScope(context.types, call)?.expression ?? null) : null;
  const conversion = convertCall(target, level, line, ctx, file, context.types, panicValue);

  const edits: FileEdit[] = [replaceNode(file, call, conversion.expression)];
  if (conversion.follow) {
    const statement = call.parent;
    if (statement?.type !== 'expression_statement' || !ownsItsLines(file, statement)) return null;
    edits.push(insertLinesAfter(file, statement, [conversion.follow]));
  }
  // zap's global logger discards everything until zap.ReplaceGlobals runs; evaluating arguments twice for a
  // panic value is only harmless when they are plain names and literals.
  const plainArgs = args.every((a) => a.descendantsOfType('call_expression').length === 0 && a.type !== 'call_expression');
  const safe = target.kind !== 'zap' && (level !== 'panic' || target.kind !== 'slog' || plainArgs);
  return { edits, imports: conversion.imports, safe };
}

/** A message for lines that had no text of their own: the name of the function that logs. */
function messageFallback(call: SyntaxNode): string {
  const fn = enclosingFunction(call);
  const name = (fn && functionName(fn)) || (() => {
    const top = enclosingTopLevelFunction(call);
    return top ? functionName(top) : '';
  })();
  return name || 'log';
}
