/** Syntax questions the goroutine rules share: what a `go` statement starts, how loops end, what joins a goroutine. */
import { ancestor, contextInScope, enclosingFunction, FUNCTION_TYPES, functionName, parametersOf, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';

/** Nodes of the given types inside `root` that belong to the same function: nested closures are not entered. */
export function findInFunction(root: SyntaxNode, types: string | readonly string[]): SyntaxNode[] {
  const wanted = typeof types === 'string' ? [types] : types;
  const found: SyntaxNode[] = [];
  walk(root, (node) => {
    if (node.id !== root.id && node.type === 'func_literal') return false;
    if (wanted.includes(node.type)) found.push(node);
    return true;
  });
  return found;
}

/** The call a `go` statement starts. */
export function goCall(goStatement: SyntaxNode): SyntaxNode | null {
  const call = goStatement.namedChildren.find((n) => n?.type === 'call_expression');
  return call ?? null;
}

/** The function a `go` statement runs, when this file shows its body. */
export interface StartedFunction {
  fn: SyntaxNode;
  kind: 'closure' | 'named';
}

/**
 * `go func() {...}()` starts the literal; `go worker(x)` or `go s.loop()` starts the one function or method of
 * that name declared in this file. Anything else (another package, a function value) is unknown.
 */
export function startedFunction(file: SourceFile, goStatement: SyntaxNode): StartedFunction | null {
  const callee = goCall(goStatement)?.childForFieldName('function');
  if (!callee) return null;
  if (callee.type === 'func_literal') return { fn: callee, kind: 'closure' };
  let name: string;
  let type: string;
  if (callee.type === 'identifier') {
    name = callee.text;
    type = 'function_declaration';
  } else if (callee.type === 'selector_expression' && callee.childForFieldName('operand')?.type === 'identifier') {
    // A package-qualified call is another package's function, not a method of this file.
    if (file.importPathOf(callee.childForFieldName('operand')!.text)) return null;
    name = callee.childForFieldName('field')?.text ?? '';
    type = 'method_declaration';
  } else return null;
  const matches = file.root.namedChildren.filter((d): d is SyntaxNode => d?.type === type && functionName(d) === name);
  return matches.length === 1 ? { fn: matches[0], kind: 'named' } : null;
}

/** The `for` statement a labeled statement labels, by label name, searching up from `node`. */
function labeledLoop(node: SyntaxNode, label: string): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'labeled_statement' && current.childForFieldName('label')?.text === label) {
      return current.namedChildren.find((n) => n?.type === 'for_statement') ?? null;
    }
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return null;
  }
  return null;
}

const BREAKABLE = ['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'];

/** The statement an unlabeled `break` leaves: the innermost loop, switch or select. */
export function breakTarget(breakStatement: SyntaxNode): SyntaxNode | null {
  return ancestor(breakStatement, [...BREAKABLE, ...FUNCTION_TYPES]);
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

const TERMINATING_FIELDS = new Set(['Exit', 'Fatal', 'Fatalf', 'Fatalln', 'Goexit', 'Panic', 'Panicf', 'Panicln', 'FailNow', 'SkipNow']);

/** True for calls that never come back: `panic`, `os.Exit`, `log.Fatal`, `runtime.Goexit`, `t.FailNow`. */
export function isTerminatingCall(call: SyntaxNode): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') return fn.text === 'panic';
  return fn.type === 'selector_expression' && TERMINATING_FIELDS.has(fn.childForFieldName('field')?.text ?? '');
}

/** Names a channel whose only job is to say "stop": `done`, `quit`, `stopCh`, `s.closing`, `ctx.Done()`. */
const QUIT_NAME = /(done|quit|stop|exit|clos|shutdown|die|dying|kill|term|cancel|abort|finish|halt)/i;

/** The channel of a receive `<-ch`, or null when `node` is not a receive. */
export function receivedChannel(node: SyntaxNode): SyntaxNode | null {
  if (node.type !== 'unary_expression' || node.child(0)?.type !== '<-') return null;
  return node.childForFieldName('operand');
}

/** True when `channel` reads like a stop signal: `x.Done()`, or a name such as `quit` or `s.stopCh`. */
export function isQuitChannel(channel: SyntaxNode): boolean {
  let tail = channel;
  if (tail.type === 'call_expression') {
    const fn = tail.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Done') return true;
    return false;
  }
  if (tail.type === 'selector_expression') tail = tail.childForFieldName('field') ?? tail;
  return (tail.type === 'identifier' || tail.type === 'field_identifier') && QUIT_NAME.test(tail.text);
}

/** How a loop runs forever, or null when its header can end it. */
export type EndlessKind = 'forever' | 'ticker';

/**
 * `for {}` and `for ;; {}` run until something inside leaves; `for range ticker.C` and `for range time.Tick(d)`
 * too, because a ticker's channel is never closed.
 */
export function endlessKind(file: SourceFile, loop: SyntaxNode): EndlessKind | null {
  const header = loop.namedChildren.filter((n) => n?.type !== 'block' && n?.type !== 'comment');
  if (header.length === 0) return 'forever';
  const clause = header[0]!;
  if (clause.type === 'for_clause' && !clause.childForFieldName('condition')) return 'forever';
  if (clause.type !== 'range_clause') return null;
  const right = clause.childForFieldName('right');
  if (!right) return null;
  if (right.type === 'selector_expression' && right.childForFieldName('field')?.text === 'C') return 'ticker';
  if (right.type === 'call_expression' && file.isPackageSelector(right.childForFieldName('function'), ['time'], ['Tick'])) return 'ticker';
  return null;
}

/** What a loop body offers as a way out. */
export interface LoopExits {
  /** Some statement leaves the loop: return, break or continue to it or an outer label, goto, panic, exit. */
  leaves: boolean;
  /** A quit/Done receive whose select case ends in a plain `break`, which leaves only the select. */
  breakInSelect: SyntaxNode | null;
  /** A receive on a quit channel or `ctx.Done()`. */
  quitReceive: boolean;
}

/** Looks through a loop body (not into closures) for any way out of the loop. */
export function loopExits(loop: SyntaxNode): LoopExits {
  const result: LoopExits = { leaves: false, breakInSelect: null, quitReceive: false };
  const body = loop.childForFieldName('body');
  if (!body) return { ...result, leaves: true };
  walk(body, (node) => {
    if (node.type === 'func_literal') return false;
    switch (node.type) {
      case 'return_statement':
      case 'goto_statement':
        result.leaves = true;
        break;
      case 'break_statement':
      case 'continue_statement': {
        const label = node.namedChildren.find((n) => n?.type === 'label_name')?.text;
        if (label) {
          const target = labeledLoop(node, label);
          // Breaking to (or continuing) an enclosing loop leaves this one; continuing this one does not.
          if (target && (node.type === 'break_statement' ? contains(target, loop) : target.id !== loop.id && contains(target, loop))) {
            result.leaves = true;
          }
        } else if (node.type === 'break_statement') {
          const target = breakTarget(node);
          if (target?.id === loop.id) result.leaves = true;
          else if (target?.type === 'select_statement' && selectCaseReceivesQuit(node, target)) result.breakInSelect ??= node;
        }
        break;
      }
      case 'call_expression':
        if (isTerminatingCall(node)) result.leaves = true;
        break;
      case 'unary_expression': {
        const channel = receivedChannel(node);
        if (channel && isQuitChannel(channel)) result.quitReceive = true;
        break;
      }
    }
    return true;
  });
  return result;
}

/** True when the select case holding `node` receives from a quit channel. */
function selectCaseReceivesQuit(node: SyntaxNode, select: SyntaxNode): boolean {
  let current: SyntaxNode | null = node;
  while (current && current.parent?.id !== select.id) current = current.parent;
  if (current?.type !== 'communication_case') return false;
  const communication = current.childForFieldName('communication');
  if (!communication) return false;
  return findReceives(communication).some((channel) => isQuitChannel(channel));
}

function findReceives(root: SyntaxNode): SyntaxNode[] {
  const channels: SyntaxNode[] = [];
  walk(root, (node) => {
    const channel = receivedChannel(node);
    if (channel) channels.push(channel);
  });
  return channels;
}

/** True when the line holding `node` has nothing but whitespace before it (so a fix can rewrite whole lines). */
export function startsLine(file: SourceFile, node: SyntaxNode): boolean {
  return file.lineText(node.startPosition.row).slice(0, node.startPosition.column).trim() === '';
}

/**
 * The context a fix at `node` can use: a `ctx` parameter of type context.Context or a `ctx` variable built from a
 * context call, visible at `node` in it or an enclosing function; else a request's context from the parameters
 * (`r.Context()`, gin, echo).
 */
export function contextExpressionAt(file: SourceFile, node: SyntaxNode, types: Resolver): string | null {
  const contextPkg = file.localNameOf('context');
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (contextPkg && parametersOf(fn).some((p) => p.name === 'ctx' && p.type === `${contextPkg}.Context`)) return 'ctx';
    if (visibleContextVariable(fn, 'ctx', node)) return 'ctx';
  }
  return contextInScope(types, node)?.expression ?? null;
}

/** True when `fn` declares `name := <context call>` in a block that holds `at`, before it. */
function visibleContextVariable(fn: SyntaxNode, name: string, at: SyntaxNode): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found || node.startIndex >= at.startIndex) return false;
    if (node.id !== fn.id && node.type === 'func_literal' && !contains(node, at)) return false;
    if (node.type !== 'short_var_declaration') return true;
    const left = node.childForFieldName('left')?.namedChildren ?? [];
    const right = node.childForFieldName('right')?.text ?? '';
    if (!left.some((n) => n?.text === name) || !/\bcontext\.|Context\(/.test(right)) return true;
    let scope = node.parent;
    if (scope?.type === 'statement_list') scope = scope.parent;
    found = !!scope && contains(scope, at);
    return !found;
  });
  return found;
}

/** The file's name for an import path, or the default name when the file does not import it yet. */
export function packageName(file: SourceFile, importPath: string, fallback: string): string {
  return file.localNameOf(importPath) ?? fallback;
}
