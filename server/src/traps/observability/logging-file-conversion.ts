/**
 * Converting every call of the standard log package in one file to a structured logger, as one set of edits:
 * the calls, the imports they need and, once nothing else uses it, the `log` import itself.
 */
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { callArguments, contextInScope, enclosingFunction, enclosingTopLevelFunction, functionName } from '../../go/syntax';
import { convertCall, ImportNeed, LoggerTarget, LogLevel } from './logging-convert';
import { fromPrint, fromPrintf, literalText, StructuredLine } from './logging-format';
import { importEdits, ownsItsLines, packageReferences } from './logging-imports';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import type { FileEdit } from '../../engine/types';

/** The standard logger's methods by the level they log at ('print' decides by the message). */
export const LOG_LEVELS: Record<string, LogLevel | 'print'> = {
  Print: 'print', Printf: 'print', Println: 'print',
  Fatal: 'fatal', Fatalf: 'fatal', Fatalln: 'fatal',
  Panic: 'panic', Panicf: 'panic', Panicln: 'panic',
};

const ERROR_WORDS = /\b(err|error|errors|fail|failed|failure|failing|cannot|can't|unable|invalid)\b/i;

/** A file's conversion: its edits, how many calls it converts, and whether it changes only the lines' form. */
export interface FileConversion {
  edits: FileEdit[];
  converted: number;
  safe: boolean;
}

/**
 * The edits converting `calls` (package calls of the standard log package, imported as `logName`) to `target`.
 * Calls that cannot be converted faithfully stay as they are (and keep the `log` import); null when none can.
 */
export function convertFile(file: SourceFile, types: Resolver, calls: { call: SyntaxNode; method: string }[], logName: string, target: LoggerTarget): FileConversion | null {
  if (!target.writable) return null;
  const conversions = calls.map(({ call, method }) => convertOne(file, types, call, method, target)).filter((c): c is CallConversion => c !== null);
  if (conversions.length === 0) return null;
  const spec = file.imports.find((s) => s.path === 'log' && s.localName === logName) ?? null;
  const dropImport = conversions.length === packageReferences(file, logName);
  const imports = importEdits(file, conversions.flatMap((c) => c.imports), dropImport ? spec : null);
  if (!imports) return null;
  return { edits: [...conversions.flatMap((c) => c.edits), ...imports], converted: conversions.length, safe: conversions.every((c) => c.safe) };
}

interface CallConversion {
  edits: FileEdit[];
  imports: ImportNeed[];
  safe: boolean;
}

/** The edits that turn one std log call into a structured one, or null when that cannot be done faithfully. */
function convertOne(file: SourceFile, types: Resolver, call: SyntaxNode, method: string, target: LoggerTarget): CallConversion | null {
  const args = callArguments(call);
  if (call.descendantsOfType('comment').length > 0 || args.some((a) => a.type === 'variadic_argument')) return null;
  const fallback = messageFallback(call);
  let line: StructuredLine | null;
  if (method.endsWith('f')) {
    const format = args[0] ? literalText(args[0]) : null;
    line = format === null ? null : fromPrintf(format, args.slice(1), fallback);
  } else line = fromPrint(args, fallback);
  if (!line) return null;

  const kind = LOG_LEVELS[method];
  const level: LogLevel = kind !== 'print' ? kind : line.fields.some((f) => f.isError) || ERROR_WORDS.test(line.message) ? 'error' : 'info';
  const fmtName = file.localNameOf('fmt') ?? 'fmt';
  const sprint = method === 'Panicf' ? 'Sprintf' : method === 'Panicln' ? 'Sprintln' : 'Sprint';
  const panicValue = `${fmtName}.${sprint}${call.childForFieldName('arguments')!.text}`;
  const ctx = target.kind === 'slog' ? (contextInScope(types, call)?.expression ?? null) : null;
  const conversion = convertCall(target, level, line, ctx, file, types, panicValue);

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
