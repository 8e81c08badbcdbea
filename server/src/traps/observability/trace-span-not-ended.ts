/** `ctx, span := tracer.Start(...)` with no `span.End()` on some path: the span never reaches the exporter. */
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { ancestor, callArguments, FUNCTION_TYPES } from '../../go/syntax';
import { FindingBudget, NOT_LISTED } from './finding-budget';
import { contextReturned, contextStored, endCallsBetween, findSpanStarts, nameUsedIn, SpanAnalysis, SpanStart, spanScopeEnd, spanVerdict } from './otel-spans';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { FileEdit } from '../../engine/types';

export const rule = defineFileRule({
  meta: {
    id: 'trace-span-not-ended',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A span started with tracer.Start is not ended on every path.',
      zh: '用 tracer.Start 开启的 span 并非在每条路径上都会结束。',
    },
    why: {
      en: 'A span that is never ended is never exported: the trace shows a hole exactly where the request went wrong (the early return on error), and the unfinished span stays in memory.',
      zh: '没有结束的 span 永远不会被导出：链路恰好在请求出错的地方（出错时的提前 return）出现空洞，未结束的 span 还会一直占用内存。',
    },
    messages: {
      notEnded: {
        en: 'The span `{span}` from {call} is not ended on every path: add `defer {span}.End()` right after it.',
        zh: '{call} 返回的 span `{span}` 并非在每条路径上都会结束：在它之后立即加上 `defer {span}.End()`。',
      },
      discarded: {
        en: 'The span from {call} is discarded, so nothing can ever end it.',
        zh: '{call} 返回的 span 被丢弃了，因此没有任何地方能结束它。',
      },
      fixDefer: { en: 'Insert `defer {span}.End()`', zh: '插入 `defer {span}.End()`' },
      fixDeferReplace: {
        en: 'Insert `defer {span}.End()` and remove the explicit {span}.End() it replaces',
        zh: '插入 `defer {span}.End()` 并删除被它取代的显式 {span}.End()',
      },
      fixBind: { en: 'Keep the span and insert `defer span.End()`', zh: '保留 span 并插入 `defer span.End()`' },
      notListed: NOT_LISTED,
    },
  },
  check(context) {
    const analysis = new SpanAnalysis(context.file, context.types);
    const bound = new Set<number>();
    const budget = new FindingBudget(context);
    for (const start of findSpanStarts(context.file, context.types)) {
      const call = calleeText(start);
      const spanName = start.spanNode?.text ?? '_';
      if (spanName === '_') {
        if (contextReturned(start, analysis) || contextStored(start, analysis)) continue;
        if (!budget.admit(start.call)) continue;
        // Two `span :=` in one function would not compile together: only the first binding is fit for fix-all.
        const fn = start.fn;
        const first = !!fn && !bound.has(fn.id);
        if (fn) bound.add(fn.id);
        context.report({ node: start.spanNode ?? start.call, messageId: 'discarded', data: { call }, fixes: bindFix(context, start, analysis, first) });
        continue;
      }
      if (spanVerdict(start, spanName, analysis) !== 'leaks' || !budget.admit(start.call)) continue;
      context.report({
        node: start.spanNode!,
        messageId: 'notEnded',
        data: { span: spanName, call },
        fixes: deferFix(context, start, spanName, analysis),
      });
    }
    budget.finish();
  },
});

function calleeText(start: SpanStart): string {
  const fn = start.call.childForFieldName('function')!;
  return fn.text.length <= 60 ? fn.text : `${fn.text.slice(0, 57)}...`;
}

/** The statement owns its lines, so new lines can go right after it. */
function ownsItsLines(context: FileContext, start: SpanStart): boolean {
  const { file } = context;
  const row = start.statement.startPosition.row;
  return start.statement.startPosition.column === file.indentOf(row).length && !!start.statement.parent && start.statement.parent.type !== 'source_file';
}

/** Deferring inside a loop postpones every iteration's End to the function's return: a person must decide. */
function insideLoop(start: SpanStart): boolean {
  const fn = start.fn;
  const loop = ancestor(start.call, 'for_statement');
  return !!loop && !!fn && loop.startIndex > fn.startIndex;
}

/**
 * `defer span.End()` after the start, and the explicit `span.End()` calls it supersedes removed, so the span is
 * ended exactly once on every path. Ending later than before (an explicit End followed by more work) changes
 * what the span measures, and deferring inside a loop postpones every iteration's End: both need a person.
 */
function deferFix(context: FileContext, start: SpanStart, spanName: string, analysis: SpanAnalysis): FixDescriptor[] {
  if (!ownsItsLines(context, start)) return [];
  const ends = explicitEnds(context, start, spanName, analysis);
  if (!ends) return [];
  const edits: FileEdit[] = [insertLinesAfter(context.file, start.statement, [`defer ${spanName}.End()`])];
  for (const statement of ends) edits.push(deleteStatementLines(context, statement));
  const atExits = ends.every(endsAtExit);
  return [{ title: ends.length > 0 ? rule.meta.messages.fixDeferReplace : rule.meta.messages.fixDefer, edits, safe: !insideLoop(start) && atExits }];
}

/**
 * The `span.End()` statements between the start and the span variable's next assignment, or null when one of
 * them cannot simply go (it passes options, or shares its line with other code).
 */
function explicitEnds(context: FileContext, start: SpanStart, spanName: string, analysis: SpanAnalysis): SyntaxNode[] | null {
  const fn = start.fn;
  if (!fn) return null;
  const { limit } = spanScopeEnd(start, spanName, analysis);
  const ends: SyntaxNode[] = [];
  for (const call of endCallsBetween(analysis, spanName, start.statement.endIndex, limit)) {
    const statement = call.parent;
    if (statement?.type !== 'expression_statement' || callArguments(call).length > 0 || !ownsLines(context, statement)) return null;
    ends.push(statement);
  }
  return ends;
}

/** An End right before a return, or at the end of the function: deferring it ends the span at the same point. */
function endsAtExit(statement: SyntaxNode): boolean {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (next) return next.type === 'return_statement';
  const list = statement.parent;
  const body = list?.type === 'statement_list' ? list.parent : list;
  return !!body && body.type === 'block' && !!body.parent && FUNCTION_TYPES.includes(body.parent.type as (typeof FUNCTION_TYPES)[number]);
}

function ownsLines(context: FileContext, statement: SyntaxNode): boolean {
  const { file } = context;
  const before = file.lineText(statement.startPosition.row).slice(0, statement.startPosition.column);
  const after = file.lineText(statement.endPosition.row).slice(statement.endPosition.column);
  return before.trim() === '' && after.trim() === '';
}

/** Deletes the whole lines of a statement that owns them. */
function deleteStatementLines(context: FileContext, statement: SyntaxNode): FileEdit {
  return {
    path: context.file.path,
    range: { start: { line: statement.startPosition.row, character: 0 }, end: { line: statement.endPosition.row + 1, character: 0 } },
    newText: '',
  };
}

/** Names the span `span` when that name is free in the function, then defers its End. */
function bindFix(context: FileContext, start: SpanStart, analysis: SpanAnalysis, first: boolean): FixDescriptor[] {
  const fn = start.fn;
  if (!fn || !ownsItsLines(context, start) || nameUsedIn(analysis, fn, 'span')) return [];
  const edits: FileEdit[] = [];
  if (!start.spanNode) edits.push(replaceNode(context.file, start.call, `_, span := ${start.call.text}`));
  else if (start.statement.type === 'short_var_declaration') edits.push(replaceNode(context.file, start.spanNode, 'span'));
  else return [];
  edits.push(insertLinesAfter(context.file, start.statement, ['defer span.End()']));
  return [{ title: rule.meta.messages.fixBind, edits, safe: first && !insideLoop(start) }];
}
