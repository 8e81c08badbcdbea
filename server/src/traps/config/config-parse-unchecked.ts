/** `n, _ := strconv.Atoi(os.Getenv(...))`: a bad config value silently becomes 0, or panics a reload. */
import { isInside, reloadPathBodies } from './config-reload';
import type { SourceFile } from '../../go/source';
import type { FileEdit } from '../../engine/types';
import { freshName, fromRequest, inConfigFunction, isConfigName, isConstantText, readsConfig } from './config-values';
import { FixLogger, fixLogger } from './fix-logger';
import { isTestHarness } from '../test-harness';
import type { Resolver } from '../../go/resolver';
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { callArguments, discardedSecondResult, DiscardedSecondResult, enclosingTopLevelFunction, findAll, FUNCTION_TYPES } from '../../go/syntax';
import { returnErrorStatement } from '../../go/zero-values';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import { callsNamed } from '../../go/calls-by-name';

/** Parsers of config strings, by import path, and the zero value each returns on error (known by resolved callee). */
const PARSERS: Record<string, Record<string, string>> = {
  strconv: { Atoi: '0', ParseInt: '0', ParseUint: '0', ParseFloat: '0', ParseBool: 'false' },
  time: { ParseDuration: '0' },
};
const PARSER_NAMES = [...new Set(Object.values(PARSERS).flatMap((byName) => Object.keys(byName)))];

/** `v, _ := strconv.Atoi(...)` and the like, as text: `_` assigned from a line that calls a parser. */
const DISCARDED_PARSE = /\b_\s*:?=\s*[^;\n]*\b(?:Atoi|Parse(?:Int|Uint|Float|Bool|Duration))\s*\(/;
/** What a reload path needs in the text (config-reload.ts): a watch or change callback, or a function named for reloading. */
const MAY_RELOAD = /OnConfigChange|Events|Watch|reload/i;

/** A finding is a parse whose error goes to `_`, or one in a reload path: false when the text shows neither. */
export function mayReportParse(text: string): boolean {
  return DISCARDED_PARSE.test(text) || MAY_RELOAD.test(text);
}

/** Calls that end the process or unwind it: what a reload must not do over one bad value. */
const FATAL_METHODS = new Set(['Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln']);

/** Calls that are cheap and pure enough to repeat inside the log line of a fix. */
const REPEATABLE_CALLS = new Set(['Getenv', 'GetString', 'TrimSpace', 'string', 'ToLower']);

const messages = {
  discarded: {
    en: 'The error of {call} is discarded: an invalid config value such as "abc" silently becomes {zero}.',
    zh: '{call} 的错误被丢弃：像 "abc" 这样的非法配置值会悄悄变成 {zero}。',
  },
  fatalInReload: {
    en: 'A config reload ends in {fatal} when {call} fails: one bad value pushed at runtime restarts the service.',
    zh: '配置热更新中 {call} 失败时执行 {fatal}：运行时推送的一个非法值就会让服务重启。',
  },
  fixFallback: { en: 'Check the error, log it and fall back to {zero}', zh: '检查错误、记录日志并回退到 {zero}' },
  fixKeep: { en: 'Check the error, log it and keep the current value', zh: '检查错误、记录日志并保留当前值' },
  fixSkip: { en: 'Log the bad value and keep the current config', zh: '记录非法值并保留当前配置' },
};

export const rule = defineFileRule({
  meta: {
    id: 'config-parse-unchecked',
    trap: 'config',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A config value is parsed with its error discarded, or a reload panics when parsing fails.',
      zh: '解析配置值时丢弃了错误，或热更新在解析失败时直接 panic。',
    },
    why: {
      en: 'strconv and time.ParseDuration return 0 and an error for "abc". Dropped, the service runs with a zero timeout; turned into panic or log.Fatal in a reload path, one mistyped value pushed through etcd restarts every instance.',
      zh: 'strconv 和 time.ParseDuration 遇到 "abc" 返回 0 和一个错误。丢掉错误，服务就以 0 超时运行；在热更新路径里变成 panic 或 log.Fatal，通过 etcd 推送一个写错的值就会让所有实例重启。',
    },
    messages,
  },
  check(context) {
    const { file, types } = context;
    if (isTestHarness(file, context.location, context.settings) || !/\b(Atoi|Parse(Int|Uint|Float|Bool|Duration))\(/.test(file.text)) return;
    if (!mayReportParse(file.text)) return;
    const reloadBodies = reloadPathBodies(types);
    for (const call of callsNamed(file, PARSER_NAMES)) {
      const parser = parserOf(types, call);
      if (!parser) continue;
      const discarded = discardedSecondResult(call);
      const inReload = isInside(call, reloadBodies);
      if (discarded) {
        const arg = callArguments(call)[0];
        // A literal ("300ms") cannot fail at runtime; the parse is a constant written the long way.
        if (!arg || isConstantText(arg)) continue;
        // Request input is not configuration, and a zero the next check rejects does not slip through silently.
        if (fromRequest(types, arg) || zeroRejected(types, discarded, parser.zero)) continue;
        const configContext = inReload || inConfigFunction(call) || isConfigName(file.packageName) || readsConfig(types, arg);
        if (!configContext) continue;
        context.report({
          node: discarded.blank,
          messageId: 'discarded',
          data: { call: parser.callee, zero: parser.zero },
          fixes: discardFixes(context, call, discarded, parser.zero),
        });
        continue;
      }
      if (!inReload) continue;
      const fatal = fatalOnError(call);
      if (!fatal) continue;
      context.report({
        node: call,
        messageId: 'fatalInReload',
        data: { call: parser.callee, fatal: fatal.name },
        related: [{ path: file.path, range: rangeOf(fatal.statement), message: messages.fatalInReload }],
        fixes: skipFix(context, fatal.statement, fatal.errName),
      });
    }
  },
});

function parserOf(types: Resolver, call: SyntaxNode): { callee: string; zero: string } | null {
  const fn = call.childForFieldName('function');
  const name = fn?.childForFieldName('field')?.text ?? '';
  if (!/^(Atoi|Parse)/.test(name)) return null;
  const callee = types.calleeOf(call);
  const zero = callee?.kind === 'func' ? PARSERS[callee.pkg]?.[callee.name] : undefined;
  return zero !== undefined ? { callee: fn!.text, zero } : null;
}

/**
 * `if n, _ := strconv.Atoi(s); n <= 0 {` (or the same check as the next statement): the zero a bad value turns
 * into is compared on the spot, so it is rejected or replaced rather than silently used.
 */
function zeroRejected(types: Resolver, discarded: DiscardedSecondResult, zero: string): boolean {
  if (zero !== '0' || discarded.value.type !== 'identifier') return false;
  const local = types.localDeclOf(discarded.value);
  const holder = discarded.holder;
  const check = holder.parent?.type === 'if_statement' && holder.parent.childForFieldName('initializer')?.id === holder.id ? holder.parent : nextStatement(holder);
  const condition = check?.type === 'if_statement' ? check.childForFieldName('condition') : null;
  if (!condition || !local) return false;
  return findAll(condition, 'binary_expression').some((comparison) => {
    if (!['==', '!=', '<', '<=', '>', '>='].includes(comparison.childForFieldName('operator')?.type ?? '')) return false;
    const sides = [comparison.childForFieldName('left'), comparison.childForFieldName('right')];
    const value = sides.some((side) => readsValue(types, side, local.node.id));
    return value && sides.some((side) => side?.type === 'int_literal' || side?.type === 'float_literal');
  });
}

/**
 * The parsed value itself, a method of it (`d.Minutes()`, `d.Seconds()`) or a conversion of it (`int64(n)`):
 * comparing any of these against a number compares the zero a bad value turned into.
 */
function readsValue(types: Resolver, side: SyntaxNode | null, local: number): boolean {
  while (side?.type === 'parenthesized_expression') side = side.namedChild(0);
  if (side?.type === 'identifier') return types.localDeclOf(side)?.node.id === local;
  if (side?.type !== 'call_expression') return false;
  const fn = side.childForFieldName('function');
  const args = side.childForFieldName('arguments')?.namedChildren.filter((n) => n?.type !== 'comment') ?? [];
  if (fn?.type === 'selector_expression' && args.length === 0) return readsValue(types, fn.childForFieldName('operand'), local);
  return args.length === 1 && types.resolve(fn)?.kind === 'type' && readsValue(types, args[0], local);
}

/** The statement that handles the error by ending the process: `if err != nil { panic(err) }` after or around the call. */
function fatalOnError(call: SyntaxNode): { statement: SyntaxNode; name: string; errName: string } | null {
  const right = call.parent;
  const holder = right?.parent;
  if (right?.type !== 'expression_list' || !holder || (holder.type !== 'short_var_declaration' && holder.type !== 'assignment_statement')) return null;
  const targets = holder.childForFieldName('left')?.namedChildren ?? [];
  const errName = targets[targets.length - 1]?.text;
  if (targets.length !== 2 || !errName || errName === '_') return null;
  // Either `v, err := parse(); if err != nil {...}` or `if v, err := parse(); err != nil {...}`.
  const check = holder.parent?.type === 'if_statement' ? holder.parent : nextStatement(holder);
  if (check?.type !== 'if_statement') return null;
  const condition = check.childForFieldName('condition')?.text.replace(/\s+/g, '');
  if (condition !== `${errName}!=nil`) return null;
  const consequence = check.childForFieldName('consequence');
  const list = consequence?.namedChildren.find((n) => n?.type === 'statement_list');
  for (const statement of list?.namedChildren ?? []) {
    if (!statement) continue;
    const name = fatalCallName(statement);
    if (name) return { statement, name, errName };
  }
  return null;
}

function nextStatement(statement: SyntaxNode): SyntaxNode | null {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/** `panic`, `os.Exit` or a logger's `Fatal*`/`Panic*` anywhere in the statement, not in a nested closure. */
function fatalCallName(statement: SyntaxNode): string | null {
  if (statement.type !== 'expression_statement') return null;
  for (const call of findAll(statement, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    if (fn.type === 'identifier' && fn.text === 'panic') return 'panic';
    if (fn.type !== 'selector_expression') continue;
    const field = fn.childForFieldName('field')?.text ?? '';
    if (FATAL_METHODS.has(field) || fn.text === 'os.Exit') return fn.text;
  }
  return null;
}

/** The argument text to log beside the error, when repeating it has no side effects. */
function loggableValue(call: SyntaxNode): string | null {
  const arg = callArguments(call)[0];
  if (!arg) return null;
  const calls = findAll(arg, 'call_expression');
  const pure = calls.every((c) => {
    const fn = c.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
    return !!name && REPEATABLE_CALLS.has(name);
  });
  return pure && !arg.text.includes('\n') ? arg.text : null;
}

function logLine(logger: FixLogger, message: string, value: string | null, errName: string): string {
  return logger.warn(message, value ? [['value', value], ['err', errName]] : [['err', errName]]);
}

function discardFixes(context: FileContext, call: SyntaxNode, discarded: DiscardedSecondResult, zero: string): FixDescriptor[] {
  const { file } = context;
  const { holder } = discarded;
  const fn = enclosingTopLevelFunction(call);
  const logger = fixLogger(context);
  // A package-level `var` or an `if v, _ := ...;` header has no statement list to add a check to.
  if (!fn || !logger || holder.parent?.type !== 'statement_list') return [];
  const value = loggableValue(call);
  if (holder.type === 'short_var_declaration') {
    // A name the function uses nowhere: reusing `err` could leak the parse error into later checks of it, and a
    // later `err := ...` in the same block would stop compiling once this statement declares `err`.
    const errName = freshName(fn, ['err', 'parseErr', 'convErr']);
    if (!errName) return [];
    const edits = [
      replaceNode(file, discarded.blank, errName),
      insertLinesAfter(file, holder, [
        `if ${errName} != nil {`,
        `\t${logLine(logger, 'invalid config value, using the default', value, errName)}`,
        `\t${discarded.value.text} = ${zero}`,
        '}',
      ]),
      ...logger.edits,
    ];
    return [{ title: messages.fixFallback, edits }];
  }
  if (holder.type !== 'assignment_statement') return [];
  const parsed = freshName(fn, ['parsed', 'parsedValue', 'newValue']);
  if (!parsed) return [];
  const lines = [
    `if ${parsed}, err := ${call.text}; err != nil {`,
    `\t${logLine(logger, 'invalid config value, keeping the current one', value, 'err')}`,
    '} else {',
    `\t${discarded.value.text} = ${parsed}`,
    '}',
  ];
  const indent = file.indentOf(holder.startPosition.row);
  const edits = [replaceNode(file, holder, lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n')), ...logger.edits];
  return [{ title: messages.fixKeep, edits }];
}

/** Replaces the fatal statement with a log and a jump that abandons this reload: `continue` in a loop, else `return`. */
function skipFix(context: FileContext, statement: SyntaxNode, errName: string): FixDescriptor[] {
  const { file } = context;
  let jump: string | null = null;
  for (let node = statement.parent; node; node = node.parent) {
    if (node.type === 'for_statement') {
      jump = 'continue';
      break;
    }
    if ((FUNCTION_TYPES as readonly string[]).includes(node.type)) {
      const hasResults = !!node.childForFieldName('result');
      jump = hasResults ? returnErrorStatement(node, errName) : 'return';
      break;
    }
  }
  const logger = fixLogger(context);
  if (!jump || !logger) return [];
  const indent = file.indentOf(statement.startPosition.row);
  const text = `${logLine(logger, 'invalid config value, keeping the current config', null, errName)}\n${indent}${jump}`;
  // A deletion that would swallow the logger's own import insertion is left out; the compiler will name it.
  const unused = importsLeftUnused(file, statement).filter((d) => !logger.edits.some((e) => e.range.start.line === d.range.start.line));
  return [{ title: messages.fixSkip, edits: [replaceNode(file, statement, text), ...logger.edits, ...unused], safe: false }];
}

/** Deletes the imports (`log`, `os`) that only the removed statement used, which Go would reject as unused. */
function importsLeftUnused(file: SourceFile, removed: SyntaxNode): FileEdit[] {
  const edits: FileEdit[] = [];
  const used = new Set(
    findAll(file.root, 'selector_expression')
      .filter((s) => !isInside(s, [removed]))
      .map((s) => s.childForFieldName('operand'))
      .filter((o): o is SyntaxNode => o?.type === 'identifier')
      .map((o) => o.text),
  );
  const names = new Set(findAll(removed, 'selector_expression').map((s) => s.childForFieldName('operand')?.text ?? ''));
  for (const spec of file.imports) {
    if (!names.has(spec.localName) || used.has(spec.localName)) continue;
    // A spec alone in `import "log"` takes its declaration with it; one in a block takes its line.
    const target = spec.node.parent?.type === 'import_declaration' ? spec.node.parent : spec.node;
    const row = target.startPosition.row;
    if (target.endPosition.row !== row || file.lineText(row).trim() !== target.text.trim()) continue;
    edits.push({ path: file.path, range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' });
  }
  return edits;
}
