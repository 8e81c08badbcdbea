/**
 * The cancel function of `context.WithCancel/WithTimeout/WithDeadline` discarded or not used on every path:
 * the derived context, its timer and its children stay alive until the parent is cancelled.
 */
import { CANCEL_FUNC_TYPES, DerivedContext, derivedContexts, mentions, unusedCancelExits } from './context-flow';
import { insertLinesAfter, insertLinesBefore, replaceNode } from '../../engine/edits';
import { ancestor } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';

export const rule = defineFileRule({
  meta: {
    id: 'ctx-cancel-lost',
    trap: 'context',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'The cancel function of context.WithCancel/WithTimeout/WithDeadline is discarded or not called on every path.',
      zh: 'context.WithCancel/WithTimeout/WithDeadline 返回的 cancel 函数被丢弃，或并非在所有路径上都被调用。',
    },
    why: {
      en: 'Until cancel runs, the derived context stays registered with its parent and a WithTimeout timer stays armed; in a handler or a loop each call leaks a little more, and goroutines waiting on ctx.Done() never hear that the work is over.',
      zh: '在 cancel 被调用之前，派生的 context 一直挂在父 context 上，WithTimeout 的定时器也一直存在；在 handler 或循环里每次调用都多泄漏一点，等待 ctx.Done() 的 goroutine 也永远收不到工作已结束的信号。',
    },
    messages: {
      discarded: {
        en: 'The cancel function returned by {call} is discarded: the context and its timer live until the parent is cancelled.',
        zh: '{call} 返回的 cancel 函数被丢弃：该 context 及其定时器会一直存活到父 context 被取消。',
      },
      notAllPaths: {
        en: '{cancel} from {call} is not called on every path ({count} {count:exit|exits} without it): possible context leak.',
        zh: '{call} 返回的 {cancel} 并非在所有路径上都被调用(有 {count} 处出口未调用)：可能造成 context 泄漏。',
      },
      exitHere: { en: 'this exit is reached without calling {cancel}', zh: '到达这个出口时没有调用 {cancel}' },
      fixDefer: { en: 'Insert defer {cancel}() after the call', zh: '在调用后插入 defer {cancel}()' },
      fixEndOfIteration: { en: 'Call {cancel}() at the end of the block (not defer: it is in a loop)', zh: '在代码块末尾调用 {cancel}()(位于循环中，不用 defer)' },
    },
  },
  check(context) {
    for (const derived of derivedContexts(context.types)) {
      const call = `${derived.call.childForFieldName('function')!.text}`;
      if (derived.cancelTarget.text === '_') {
        const name = freeCancelName(derived);
        const data = { call, cancel: name ?? 'cancel', count: 0 };
        context.report({ node: derived.cancelTarget, messageId: 'discarded', data, fixes: name ? cancelFixes(context, derived, name, true) : [] });
        continue;
      }
      const exits = unusedCancelExits(derived);
      if (exits.length === 0) continue;
      const cancel = derived.cancelTarget.text;
      const data = { call, cancel, count: exits.length };
      const related = exits.map((exit) => ({ path: context.file.path, range: rangeOf(exit), message: rule.meta.messages.exitHere }));
      context.report({ node: derived.cancelTarget, messageId: 'notAllPaths', data, related, fixes: cancelFixes(context, derived, cancel, false, exits) });
    }
  },
});

/** Statements that leave a block early. */
const JUMPS = ['return_statement', 'break_statement', 'continue_statement', 'goto_statement'];

/** A name for the cancel function that nothing in the function uses yet. */
function freeCancelName(derived: DerivedContext): string | null {
  return ['cancel', 'cancelCtx', 'stop'].find((name) => !mentions(derived.fn, name)) ?? null;
}

/**
 * `defer cancel()` right after the derivation; inside a loop, where defers would pile up until the function
 * returns, `cancel()` at the end of the block instead. No fix when the context outlives the function (returned,
 * stored, or used by a goroutine): cancelling it on return would break its user. `exits` are the leaking exits
 * of a named cancel (none for a discarded one, which leaks everywhere).
 */
function cancelFixes(context: FileContext, derived: DerivedContext, cancel: string, bind: boolean, exits: SyntaxNode[] = []): FixDescriptor[] {
  const { file } = context;
  const { statement } = derived;
  if (statement.parent?.type !== 'statement_list' || contextEscapes(derived)) return [];
  const edits: FileEdit[] = [];
  if (bind) {
    edits.push(replaceNode(file, derived.cancelTarget, cancel));
    if (!derived.declares) {
      const pkg = derived.call.childForFieldName('function')!.childForFieldName('operand')!.text;
      edits.push(insertLinesBefore(file, statement, [`var ${cancel} ${pkg}.${CANCEL_FUNC_TYPES[derived.constructor]}`]));
    }
  }
  // A CancelCauseFunc takes the cause; nil records plain context.Canceled.
  const invoke = CANCEL_FUNC_TYPES[derived.constructor] === 'CancelCauseFunc' ? `${cancel}(nil)` : `${cancel}()`;
  const loop = ancestor(statement, ['for_statement', 'func_literal', 'function_declaration', 'method_declaration']);
  if (loop?.type !== 'for_statement') {
    edits.push(insertLinesAfter(file, statement, [`defer ${invoke}`]));
    return [{ title: rule.meta.messages.fixDefer, edits }];
  }
  const list = statement.parent;
  const rest = list.namedChildren.filter((c): c is SyntaxNode => !!c && c.startIndex > statement.startIndex && c.type !== 'comment');
  const last = rest[rest.length - 1] ?? statement;
  // A block that ends in return/break/continue/goto would make the call unreachable.
  if (JUMPS.includes(last.type)) return [];
  // When the end of the block already cancels, the leaks are early exits: a call at the end would change nothing.
  if (!bind && !exits.some((exit) => exit.endIndex >= list.endIndex)) return [];
  edits.push(insertLinesAfter(file, last, [invoke]));
  // Early exits from the block would still skip the call: a person should look at those.
  const earlyExits = rest.some((s) => JUMPS.includes(s.type) || s.descendantsOfType(JUMPS).length > 0);
  return [{ title: rule.meta.messages.fixEndOfIteration, edits, safe: !earlyExits }];
}

/** The derived context is returned, stored in a field or slot, or used by a goroutine. */
function contextEscapes(derived: DerivedContext): boolean {
  const ctx = derived.ctxTarget;
  if (ctx.type !== 'identifier') return true;
  if (ctx.text === '_') return false;
  const name = ctx.text;
  for (const node of derived.fn.descendantsOfType(['return_statement', 'go_statement', 'assignment_statement', 'short_var_declaration', 'keyed_element'])) {
    if (!node || node.startIndex < derived.statement.endIndex) continue;
    if (node.type === 'go_statement' && mentions(node, name)) return true;
    if (node.type === 'return_statement' && (node.namedChild(0)?.namedChildren ?? []).some((v) => v?.text === name || (v && v.type !== 'call_expression' && mentions(v, name)))) return true;
    if (node.type === 'assignment_statement' || node.type === 'short_var_declaration') {
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      if (right.some((v) => v?.text === name) && left.some((l) => l?.type !== 'identifier' || (l.text !== name && l.text !== '_'))) return true;
    }
    if (node.type === 'keyed_element' && node.childForFieldName('value')?.text === name) return true;
  }
  return false;
}
