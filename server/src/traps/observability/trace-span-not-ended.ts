/** `ctx, span := tracer.Start(...)` with no `span.End()` on some path: the span never reaches the exporter. */
import { insertLinesAfter, replaceNode } from '../../engine/edits';
import { ancestor, enclosingFunction, walk } from '../../go/syntax';
import { contextReturned, contextStored, findSpanStarts, SpanStart, spanVerdict } from './otel-spans';
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
      fixBind: { en: 'Keep the span and insert `defer span.End()`', zh: '保留 span 并插入 `defer span.End()`' },
    },
  },
  check(context) {
    for (const start of findSpanStarts(context.file)) {
      const call = calleeText(start);
      const spanName = start.spanNode?.text ?? '_';
      if (spanName === '_') {
        if (contextReturned(start) || contextStored(start)) continue;
        context.report({ node: start.spanNode ?? start.call, messageId: 'discarded', data: { call }, fixes: bindFix(context, start) });
        continue;
      }
      if (spanVerdict(start, spanName) !== 'leaks') continue;
      context.report({
        node: start.spanNode!,
        messageId: 'notEnded',
        data: { span: spanName, call },
        fixes: deferFix(context, start, spanName),
      });
    }
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
  const fn = enclosingFunction(start.call);
  const loop = ancestor(start.call, 'for_statement');
  return !!loop && !!fn && loop.startIndex > fn.startIndex;
}

function deferFix(context: FileContext, start: SpanStart, spanName: string): FixDescriptor[] {
  if (!ownsItsLines(context, start)) return [];
  const edit = insertLinesAfter(context.file, start.statement, [`defer ${spanName}.End()`]);
  return [{ title: rule.meta.messages.fixDefer, edits: [edit], safe: !insideLoop(start) }];
}

/** Names the span `span` when that name is free in the function, then defers its End. */
function bindFix(context: FileContext, start: SpanStart): FixDescriptor[] {
  const fn = enclosingFunction(start.call);
  if (!fn || !ownsItsLines(context, start)) return [];
  let taken = false;
  walk(fn, (node) => {
    if (node.type === 'identifier' && node.text === 'span') taken = true;
  });
  if (taken) return [];
  const edits: FileEdit[] = [];
  if (!start.spanNode) edits.push(replaceNode(context.file, start.call, `_, span := ${start.call.text}`));
  else if (start.statement.type === 'short_var_declaration') edits.push(replaceNode(context.file, start.spanNode, 'span'));
  else return [];
  edits.push(insertLinesAfter(context.file, start.statement, ['defer span.End()']));
  return [{ title: rule.meta.messages.fixBind, edits, safe: !insideLoop(start) }];
}
