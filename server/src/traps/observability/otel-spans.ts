/**
 * OpenTelemetry spans: finding `tracer.Start(...)` calls and deciding whether the span they return is ended
 * on every path. The path analysis is structural (statements, branches, loops), not a full control-flow graph;
 * whenever it meets something it cannot follow (goto, labelled jumps, the span handed to other code) it
 * answers "unknown" so the rule stays silent.
 */
import { ancestor, enclosingFunction, fieldChildren, findAll, FUNCTION_TYPES, identifiersByName, walk } from '../../go/syntax';
import { named, resultsOf } from '../../go/types';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';

/** A `Start` call on a tracer and where its results go. */
export interface SpanStart {
  call: SyntaxNode;
  /** The statement binding the results, or the expression statement that drops them. */
  statement: SyntaxNode;
  /** The span target (`span` or `_`), or null when the call is a bare statement. */
  spanNode: SyntaxNode | null;
  /** The context target, or null when the call is a bare statement. */
  ctxNode: SyntaxNode | null;
}

const TRACE = 'go.opentelemetry.io/otel/trace';
const SPAN_START_RESULTS = ['"context".Context', named(TRACE, 'Span')];

/**
 * True when `call` starts a span: a `Start` method, resolved, that returns a context and an OpenTelemetry span.
 * That is `trace.Tracer.Start` (from `otel.Tracer`, a TracerProvider, a field or parameter of any file) and any
 * tracer type with the same method; a home-grown `Start` returning something else is not ours to judge.
 */
function isSpanStart(call: SyntaxNode, types: Resolver): boolean {
  const callee = types.calleeOf(call);
  if (callee?.kind !== 'method' || callee.name !== 'Start') return false;
  const results = resultsOf(callee.type);
  return !!results && results.length === 2 && results[0] === SPAN_START_RESULTS[0] && results[1] === SPAN_START_RESULTS[1];
}

/** Every tracer `Start` whose span lands in a local (or nowhere); starts returned or passed on are left out. */
export function findSpanStarts(file: SourceFile, types: Resolver): SpanStart[] {
  const starts: SpanStart[] = [];
  for (const node of findAll(file.root, 'call_expression')) {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Start') continue;
    const args = node.childForFieldName('arguments')?.namedChildren.filter((n) => n && n.type !== 'comment') ?? [];
    if (args.length < 2 || !isSpanStart(node, types)) continue;
    const parent = node.parent;
    if (parent?.type === 'expression_statement') {
      starts.push({ call: node, statement: parent, spanNode: null, ctxNode: null });
      continue;
    }
    if (parent?.type !== 'expression_list' || parent.namedChildCount !== 1) continue;
    const holder = parent.parent;
    let targets: (SyntaxNode | null)[] = [];
    if ((holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') && holder.childForFieldName('right')?.id === parent.id) {
      targets = holder.childForFieldName('left')?.namedChildren ?? [];
    } else if (holder?.type === 'var_spec') {
      targets = fieldChildren(holder, 'name');
    }
    if (!holder || targets.length !== 2 || !targets[0] || !targets[1]) continue;
    const statement = holder.type === 'var_spec' ? ancestor(holder, 'var_declaration') : holder;
    if (!statement) continue;
    starts.push({ call: node, statement, spanNode: targets[1], ctxNode: targets[0] });
  }
  return starts;
}

/** True for `name.End(...)`. */
export function isEndCall(node: SyntaxNode, name: string): boolean {
  if (node.type !== 'call_expression') return false;
  const fn = node.childForFieldName('function');
  return fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === name && fn.childForFieldName('field')?.text === 'End';
}

function identifiersNamed(root: SyntaxNode, name: string): SyntaxNode[] {
  return identifiersByName(root, new Set([name])).get(name) ?? [];
}

/** True when the context from `start` is returned, so the caller can still reach (and end) its span. */
export function contextReturned(start: SpanStart): boolean {
  const fn = enclosingFunction(start.call);
  const ctxName = start.ctxNode?.text ?? '_';
  if (!fn || ctxName === '_') return false;
  return identifiersNamed(fn, ctxName).some((use) => use.startIndex >= start.statement.endIndex && isReturned(use));
}

/**
 * True when the context from `start` is stored into a request-like object through a `Set...Context` setter
 * (`r.SetContext(ctx)`, fiber's `c.SetUserContext(ctx)`): whoever completes that object can reach the span
 * with `SpanFromContext` and end it, which is how request hooks and middlewares pair with a discarded span.
 */
export function contextStored(start: SpanStart): boolean {
  const fn = enclosingFunction(start.call);
  const ctxName = start.ctxNode?.text ?? '_';
  if (!fn || ctxName === '_') return false;
  return identifiersNamed(fn, ctxName).some((use) => {
    if (use.startIndex < start.statement.endIndex || use.parent?.type !== 'argument_list') return false;
    const callee = use.parent.parent?.childForFieldName('function');
    return callee?.type === 'selector_expression' && /^Set\w*Context$/.test(callee.childForFieldName('field')?.text ?? '');
  });
}

export type SpanVerdict = 'ended' | 'leaks' | 'unknown';

/**
 * Whether the span bound by `start` is ended on every path out of its scope. `ended` also covers a deferred
 * End and spans that are returned, stored or handed to other code (their owner ends them).
 */
export function spanVerdict(start: SpanStart, spanName: string, types: Resolver): SpanVerdict {
  const fn = enclosingFunction(start.call);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return 'unknown';
  const reassigned = firstReassignment(fn, spanName, start.statement);
  const limit = reassigned ? reassigned.startIndex : fn.endIndex;
  const inRange = (n: SyntaxNode) => n.startIndex >= start.statement.endIndex && n.startIndex < limit;

  for (const use of identifiersNamed(fn, spanName).filter(inRange)) {
    if (handsOver(use, fn, types)) return 'ended';
  }
  if (contextReturned(start)) return 'ended';
  // `defer span.End()` binds the span when the defer runs, so it must come after this Start (and before the
  // variable is reused); a deferred closure reads the variable at return, so it may sit anywhere in the function.
  let deferred = false;
  walk(fn, (node) => {
    if (deferred) return false;
    if (node.type === 'defer_statement') {
      const closure = node.namedChild(0)?.childForFieldName('function')?.type === 'func_literal';
      if (!closure && !inRange(node)) return true;
      walk(node, (inner) => {
        if (isEndCall(inner, spanName)) deferred = true;
      });
    }
    return true;
  });
  if (deferred) return 'ended';

  // Flow analysis over the rest of the block that declares (or assigns) the span.
  const list = start.statement.parent;
  if (!list || (list.type !== 'statement_list' && list.type !== 'block')) return 'unknown';
  if (start.statement.type === 'assignment_statement' && list.parent?.id !== body.id) return 'unknown';
  const rest = list.namedChildren.filter((n): n is SyntaxNode => !!n && n.startIndex >= start.statement.endIndex && n.type !== 'comment');
  try {
    const flow = sequence(rest, { ended: false, exits: false }, { name: spanName, loopDepth: 0, reassigned, types });
    return flow.ended || flow.exits ? 'ended' : 'leaks';
  } catch (signal) {
    if (signal === LEAK) return 'leaks';
    if (signal === UNKNOWN) return 'unknown';
    throw signal;
  }
}

/**
 * The first statement after `after` in `fn` that assigns a new value to `name`. `span = wrap(span)` is not
 * one: the old span goes into the new value, and the use inside it is judged as a hand-over.
 */
function firstReassignment(fn: SyntaxNode, name: string, after: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  walk(fn, (node) => {
    if (found) return false;
    if (node.startIndex < after.endIndex) return true;
    if (node.type === 'assignment_statement' || node.type === 'short_var_declaration') {
      const assigns = (node.childForFieldName('left')?.namedChildren ?? []).some((n) => n?.text === name);
      const right = node.childForFieldName('right');
      if (assigns && !(right && identifiersNamed(right, name).length > 0)) found = node;
    }
    return true;
  });
  return found;
}

/** True when this use of the span gives it to someone else: returned, stored, sent, passed, or captured. */
function handsOver(use: SyntaxNode, fn: SyntaxNode, types: Resolver): boolean {
  if (isReturned(use)) return true;
  const closure = enclosingFunction(use);
  if (closure && closure.id !== fn.id && FUNCTION_TYPES.includes(closure.type as (typeof FUNCTION_TYPES)[number])) return true;
  const parent = use.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list') return !onlyReads(parent.parent, types);
  if (parent.type === 'literal_element' || parent.type === 'send_statement') return true;
  if (parent.type === 'unary_expression') {
    const address = parent.text.startsWith('&') && parent.parent?.type === 'argument_list';
    return !(address && onlyReads(parent.parent!.parent, types));
  }
  if (parent.type === 'expression_list') {
    const holder = parent.parent;
    if (holder?.type === 'return_statement') return true;
    if ((holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && holder.childForFieldName('right')?.id === parent.id) return true;
    if (holder?.type === 'var_spec') return true;
  }
  return false;
}

/** `return x`, `return ctx, x`, `return &T{x}`: the identifier is (part of) what the function returns. */
function isReturned(use: SyntaxNode): boolean {
  let node: SyntaxNode | null = use;
  while (node?.parent && ['expression_list', 'literal_element', 'keyed_element', 'literal_value', 'composite_literal', 'unary_expression'].includes(node.parent.type)) {
    node = node.parent;
  }
  return node?.parent?.type === 'return_statement';
}

/**
 * Calls that use a span without taking it over: printing it, and helpers that record an error, status,
 * attribute or event on it (`HandleSpanError(&span, ...)`). A helper whose name says it ends the span, or
 * any other call, may end or keep it, so the rule stays silent.
 */
function onlyReads(call: SyntaxNode | null, types: Resolver): boolean {
  const fn = call?.childForFieldName('function');
  if (!call || !fn) return false;
  if (fn.type === 'identifier' && (fn.text === 'print' || fn.text === 'println') && types.resolve(fn)?.kind === 'builtin') return true;
  const pkg = packageOf(fn, types);
  if (pkg === 'fmt' || pkg === 'log') return true;
  const name = fn.type === 'selector_expression' ? (fn.childForFieldName('field')?.text ?? '') : fn.text;
  if (/end|finish|close|stop|done|defer/i.test(name)) return false;
  return /record|error|err$|attr|status|event|annotate|tag/i.test(name);
}

const LEAK = Symbol('leak');
const UNKNOWN = Symbol('unknown');

interface Flow {
  /** The span has been ended on every path reaching this point. */
  ended: boolean;
  /** Control never reaches the point after this statement. */
  exits: boolean;
}

interface FlowScope {
  name: string;
  types: Resolver;
  /** Loops and switches entered since the span's block: a plain break there stays in scope. */
  loopDepth: number;
  reassigned: SyntaxNode | null;
}

function sequence(statements: SyntaxNode[], state: Flow, scope: FlowScope): Flow {
  let current = state;
  for (const statement of statements) {
    if (current.exits) break;
    if (scope.reassigned && statement.id === scope.reassigned.id) {
      // The variable is overwritten: an open first span can never be ended; an ended one is no longer our concern.
      if (!current.ended) throw LEAK;
      return { ended: true, exits: true };
    }
    current = step(statement, current, scope);
  }
  return current;
}

function statementsOf(node: SyntaxNode | null): SyntaxNode[] {
  if (!node) return [];
  const list = node.type === 'statement_list' ? node : node.namedChildren.find((c) => c?.type === 'statement_list');
  return (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
}

function step(statement: SyntaxNode, state: Flow, scope: FlowScope): Flow {
  switch (statement.type) {
    case 'expression_statement': {
      const call = statement.namedChild(0);
      if (call && isEndCall(call, scope.name)) return { ended: true, exits: false };
      if (call && isTerminatingCall(call, scope.types)) return { ended: state.ended, exits: true };
      return state;
    }
    case 'return_statement':
      if (!state.ended) throw LEAK;
      return { ended: true, exits: true };
    case 'block':
      return sequence(statementsOf(statement), state, scope);
    case 'labeled_statement': {
      const inner = statement.namedChildren.find((c) => c && c.type !== 'label_name');
      return inner ? step(inner, state, scope) : state;
    }
    case 'if_statement': {
      const consequence = step(statement.childForFieldName('consequence')!, state, scope);
      const alternativeNode = statement.childForFieldName('alternative');
      const alternative = alternativeNode ? step(alternativeNode, state, scope) : state;
      const done = (f: Flow) => f.ended || f.exits;
      return { ended: state.ended || (done(consequence) && done(alternative)), exits: consequence.exits && alternative.exits };
    }
    case 'expression_switch_statement':
    case 'type_switch_statement':
    case 'select_statement': {
      const cases = statement.namedChildren.filter((c): c is SyntaxNode => !!c && /_case$/.test(c.type));
      const inner = { ...scope, loopDepth: scope.loopDepth + 1 };
      const flows = cases.map((c) => sequence(statementsOf(c), state, inner));
      const exhaustive = statement.type === 'select_statement' || cases.some((c) => c.type === 'default_case');
      const all = (test: (f: Flow) => boolean) => exhaustive && flows.length > 0 && flows.every(test);
      return { ended: state.ended || all((f) => f.ended || f.exits), exits: all((f) => f.exits) && !containsBreak(statement) };
    }
    case 'for_statement': {
      sequence(statementsOf(statement.childForFieldName('body')), state, { ...scope, loopDepth: scope.loopDepth + 1 });
      const endless = !statement.namedChildren.some((c) => c && c.type !== 'block' && c.type !== 'comment');
      return { ended: state.ended, exits: endless && !containsBreak(statement) };
    }
    case 'break_statement':
    case 'continue_statement':
      if (statement.namedChildCount > 0) {
        if (!state.ended) throw UNKNOWN;
        return { ended: state.ended, exits: true };
      }
      if (scope.loopDepth === 0 && !state.ended) throw LEAK;
      return { ended: state.ended, exits: true };
    case 'goto_statement':
      if (!state.ended) throw UNKNOWN;
      return { ended: state.ended, exits: true };
    default:
      return state;
  }
}

/**
 * `panic(...)`, `os.Exit(...)`, `runtime.Goexit()`, and any `Fatal*`/`Panic*` of a logger: nothing after them
 * runs, and the process (or goroutine) is gone. A logger of unknown type counts too: the rule would rather stay
 * silent than claim a leak on a path that never returns.
 */
function isTerminatingCall(call: SyntaxNode, types: Resolver): boolean {
  if (call.type !== 'call_expression') return false;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier' && fn.text === 'panic') return types.resolve(fn)?.kind === 'builtin';
  if (fn?.type !== 'selector_expression') return false;
  const name = fn.childForFieldName('field')?.text ?? '';
  const pkg = packageOf(fn, types);
  if ((pkg === 'os' && name === 'Exit') || (pkg === 'runtime' && name === 'Goexit')) return true;
  return /^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/.test(name);
}

/** The import path of the package a selector `pkg.Name` selects from (aliases honoured, shadowing respected). */
function packageOf(fn: SyntaxNode, types: Resolver): string | undefined {
  if (fn.type !== 'selector_expression') return undefined;
  const resolved = types.resolve(fn.childForFieldName('operand'));
  return resolved?.kind === 'package' ? resolved.path : undefined;
}

/** True when a plain `break` inside `statement` leaves it (not an inner loop, switch or select). */
function containsBreak(statement: SyntaxNode): boolean {
  let found = false;
  const visit = (node: SyntaxNode, top: boolean) => {
    for (const child of node.namedChildren) {
      if (!child || found) continue;
      if (child.type === 'break_statement' && child.namedChildCount === 0) found = true;
      else if (!top && ['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'].includes(child.type)) continue;
      else if ((FUNCTION_TYPES as readonly string[]).includes(child.type)) continue;
      else visit(child, false);
    }
  };
  visit(statement, true);
  return found;
}
