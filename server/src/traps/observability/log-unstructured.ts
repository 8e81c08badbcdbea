/** `log.Printf("callback failed")` in service code: a line no one can search by order, user or channel. */
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { callArguments, contextInScope, enclosingFunction, enclosingTopLevelFunction, findAll, functionName, isInMainOrInit } from '../../go/syntax';
import { chooseTarget, convertCall, LoggerTarget, LogLevel } from './logging-convert';
import { fromPrint, fromPrintf, literalText, StructuredLine } from './logging-format';
import { importEdits, ownsItsLines, packageReferences } from './logging-imports';
import { namesInScope } from './logging-scope';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { FileEdit } from '../../engine/types';

const LEVELS: Record<string, LogLevel | 'print'> = {
  Print: 'print', Printf: 'print', Println: 'print',
  Fatal: 'fatal', Fatalf: 'fatal', Fatalln: 'fatal',
  Panic: 'panic', Panicf: 'panic', Panicln: 'panic',
};

const ERROR_WORDS = /\b(err|error|errors|fail|failed|failure|failing|cannot|can't|unable|invalid)\b/i;

export const rule = defineFileRule({
  meta: {
    id: 'log-unstructured',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'The standard log package writes free-text lines in service code; use a structured logger.',
      zh: '服务代码中使用标准库 log 包输出自由文本日志；应改用结构化日志。',
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
      fixFile: {
        en: 'Convert the {count} log calls in this file to {target}',
        zh: '将本文件中 {count} 处 log 调用转换为 {target}',
      },
      fixOne: { en: 'Convert this call to {target}', zh: '将此调用转换为 {target}' },
    },
  },
  check(context) {
    const { file, settings } = context;
    if (file.isTest) return;
    const logName = file.localNameOf('log');
    if (!logName) return;
    const calls = findAll(file.root, 'call_expression').filter((call) => {
      const method = stdLogMethod(call, logName);
      if (!method) return false;
      if (settings.log.allowInMain && isInMainOrInit(file, call)) return false;
      return !namesInScope(call).some((n) => n.name === logName);
    });
    if (calls.length === 0) return;
    const target = chooseTarget(file, logName);
    const conversions = calls.map((call) => ({ call, conversion: convert(context, call, logName, target) }));
    const convertible = conversions.filter((c) => c.conversion !== null);
    const spec = file.imports.find((s) => s.path === 'log' && s.localName === logName) ?? null;
    const dropImport = convertible.length === packageReferences(file, logName);
    const fileFix: FixDescriptor | null =
      convertible.length > 1
        ? {
            title: rule.meta.messages.fixFile,
            edits: [
              ...convertible.flatMap((c) => c.conversion!.edits),
              ...importEdits(file, convertible.flatMap((c) => c.conversion!.imports), dropImport ? spec : null),
            ],
            safe: convertible.every((c) => c.conversion!.safe),
          }
        : null;
    for (const { call, conversion } of conversions) {
      const fixes: FixDescriptor[] = [];
      if (conversion && fileFix) fixes.push(fileFix);
      if (conversion) {
        const alone = dropImport && convertible.length === 1;
        fixes.push({
          title: rule.meta.messages.fixOne,
          edits: [...conversion.edits, ...importEdits(file, conversion.imports, alone ? spec : null)],
          safe: conversion.safe,
        });
      }
      context.report({
        node: call,
        messageId: 'unstructured',
        data: { call: call.childForFieldName('function')!.text, target: target.label, count: convertible.length },
        fixes,
      });
    }
  },
});

/** The method name when `call` is a Print, Fatal or Panic function of the standard package imported as `logName`. */
function stdLogMethod(call: SyntaxNode, logName: string): string | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return null;
  const operand = fn.childForFieldName('operand');
  const method = fn.childForFieldName('field')?.text ?? '';
  return operand?.type === 'identifier' && operand.text === logName && method in LEVELS ? method : null;
}

interface CallConversion {
  edits: FileEdit[];
  imports: string[];
  safe: boolean;
}

/** The edits that turn one std log call into a structured one, or null when that cannot be done faithfully. */
function convert(context: FileContext, call: SyntaxNode, logName: string, target: LoggerTarget): CallConversion | null {
  const { file } = context;
  const method = stdLogMethod(call, logName)!;
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
  if (target.kind === 'zerolog') {
    const declared = namesInScope(call);
    for (const field of line.fields) field.type = declared.find((n) => n.name === field.value)?.type || undefined;
  }
  const conversion = convertCall(target, level, line, ctx, file, panicValue);

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
