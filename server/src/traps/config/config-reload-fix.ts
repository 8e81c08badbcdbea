/** The fix for an unvalidated reload: a deferred recover per change, and validate-then-swap when a validator exists. */
import { appliesIn, handlerScope, ownedBy, STORE_METHODS } from './config-apply';
import { calleeName, isInside, ReloadHandler } from './config-reload';
import { FixLogger, fixLogger } from './fix-logger';
import { insertLinesBefore } from '../../engine/edits';
import { findAll, FUNCTION_TYPES } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { FileContext, FixDescriptor } from '../../engine/rule';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import type { FileEdit, Message } from '../../engine/types';

const RECOVER_LINES = (logger: FixLogger) => [
  'defer func() {',
  '\tif r := recover(); r != nil {',
  `\t\t${logger.warn('config reload panicked, keeping the previous config', [['panic', 'r']])}`,
  '\t}',
  '}()',
];

/** The statements a handler runs, or null when the body is empty. */
function statementsOf(body: SyntaxNode): SyntaxNode[] | null {
  const list = body.type === 'statement_list' ? body : body.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  return statements.length > 0 ? statements : null;
}

/** The edits that guard a reload handler, or none when its shape is left to a person. */
export function guardFix(context: FileContext, handler: ReloadHandler, titles: { validate: Message; recoverOnly: Message }): FixDescriptor[] {
  const { file, types } = context;
  const statements = statementsOf(handler.body);
  const logger = fixLogger(context);
  if (!statements || !logger) return [];
  const guard = validationGuard(types, handler, statements, logger);
  // Without a validator only the recover is added: the title must not promise a validation.
  const title = guard ? titles.validate : titles.recoverOnly;
  if (handler.scope === 'function') {
    const edits: FileEdit[] = [insertLinesBefore(file, statements[0], RECOVER_LINES(logger))];
    if (guard) edits.push(insertLinesBefore(file, guard.before, guard.lines));
    return [{ title, edits: [...edits, ...logger.edits], safe: false }];
  }
  return wrapLoopBody(file, handler, statements, guard, logger, title);
}

/**
 * `if err := next.Validate(); err != nil { log; return }` before the one statement that swaps in `next`, when
 * next's type has a `Validate() error` method (declared in any file of its package). Without a validator the fix
 * adds only the recover.
 */
function validationGuard(types: Resolver, handler: ReloadHandler, statements: SyntaxNode[], logger: FixLogger): { before: SyntaxNode; lines: string[] } | null {
  const owned = ownedBy(handlerScope(handler));
  const swaps = statements.filter((s) => appliesIn(types.file, s, owned));
  if (swaps.length !== 1) return null;
  const value = swappedValue(swaps[0]);
  if (!value) return null;
  const validate = types.member(types.typeOf(value), 'Validate');
  if (validate?.kind !== 'method' || validate.type !== 'func() error') return null;
  return {
    before: swaps[0],
    lines: [
      `if err := ${value.text}.Validate(); err != nil {`,
      `\t${logger.warn('rejected reloaded config, keeping the previous one', [['err', 'err']])}`,
      '\treturn',
      '}',
    ],
  };
}

/** `next` in `cfg = next`, `current.Store(next)` or `current.Store(&next)`. */
function swappedValue(statement: SyntaxNode): SyntaxNode | null {
  if (statement.type === 'assignment_statement') {
    const right = statement.childForFieldName('right')?.namedChildren ?? [];
    return right.length === 1 && right[0]?.type === 'identifier' ? right[0] : null;
  }
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (call?.type !== 'call_expression' || !STORE_METHODS.has(calleeName(call))) return null;
  const arg = call.childForFieldName('arguments')?.namedChild(0);
  const inner = arg?.type === 'unary_expression' && arg.child(0)?.text === '&' ? arg.childForFieldName('operand') : arg;
  return inner?.type === 'identifier' ? inner : null;
}

/**
 * In a loop, a deferred recover must run per change, so the body moves into `func() { ... }()`. Bodies that
 * jump (`continue`, `break`, `return`, `goto`) or hold multi-line raw strings are left to a person.
 */
function wrapLoopBody(
  file: SourceFile,
  handler: ReloadHandler,
  statements: SyntaxNode[],
  guard: { before: SyntaxNode; lines: string[] } | null,
  logger: FixLogger,
  title: Message,
): FixDescriptor[] {
  const jumps = findAll(handler.body, ['continue_statement', 'break_statement', 'return_statement', 'goto_statement']).filter(
    (j) => !isInside(j, findAll(handler.body, [...FUNCTION_TYPES])),
  );
  const multiline = findAll(handler.body, 'raw_string_literal').some((s) => s.startPosition.row !== s.endPosition.row);
  if (jumps.length > 0 || multiline) return [];
  const first = statements[0];
  const last = statements[statements.length - 1];
  const indent = file.indentOf(first.startPosition.row);
  const startLine = first.startPosition.row;
  const endLine = last.endPosition.row;
  const lines: string[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const text = file.lineText(line);
    if (guard && line === guard.before.startPosition.row) lines.push(...guard.lines.map((l) => `${indent}\t${l}`));
    lines.push(text.trim() === '' ? '' : `\t${text}`);
  }
  const wrapped = [`${indent}func() {`, ...RECOVER_LINES(logger).map((l) => `${indent}\t${l}`), ...lines, `${indent}}()`].join('\n');
  const range = { start: { line: startLine, character: 0 }, end: { line: endLine, character: file.lineText(endLine).length } };
  return [{ title, edits: [{ path: file.path, range, newText: wrapped }, ...logger.edits], safe: false }];
}
