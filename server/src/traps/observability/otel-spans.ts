/**
 * OpenTelemetry spans: finding `tracer.Start(...)` calls and deciding whether the span they return is ended
 * on every path. The path analysis is structural (statements, branches, loops), not a full control-flow graph;
 * whenever it meets something it cannot follow (goto, labelled jumps, the span handed to other code) it
 * answers "unknown" so the rule stays silent.
 */
import { ancestor, enclosingFunction, fieldChildren, findAll, findAllWithin, FUNCTION_TYPES } from '../../go/syntax';
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
  /** The function, method or closure the start is in (found once: climbing a long block is costly). */
  fn: SyntaxNode | null;
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

/**
 * The calls of a method named Start, found from the text: most files have none, and a file with thousands of
 * other calls is not read call by call.
 */
function startCalls(file: SourceFile): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  for (const match of file.text.matchAll(/\.\s*(Start)\s*\(/g)) {
    const at = match.index! + match[0].indexOf('Start');
    const field = file.root.descendantForIndex(at, at + 5);
    const selector = field?.type === 'field_identifier' ? field.parent : null;
    const call = selector?.type === 'selector_expression' ? selector.parent : null;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === selector!.id) calls.push(call);
  }
  return calls;
}

/** Every tracer `Start` whose span lands in a local (or nowhere); starts returned or passed on are left out. */
export function findSpanStarts(file: SourceFile, types: Resolver): SpanStart[] {
  const starts: SpanStart[] = [];
  for (const node of startCalls(file)) {
    const args = node.childForFieldName('arguments')?.namedChildren.filter((n) => n && n.type !== 'comment') ?? [];
    if (args.length < 2 || !isSpanStart(node, types)) continue;
    const parent = node.parent;
    if (parent?.type === 'expression_statement') {
      starts.push({ call: node, statement: parent, spanNode: null, ctxNode: null, fn: enclosingFunction(parent) });
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
    starts.push({ call: node, statement, spanNode: targets[1], ctxNode: targets[0], fn: enclosingFunction(statement) });
  }
  return starts;
}

/** True for `name.End(...)`. */
export function isEndCall(node: SyntaxNode, name: string): boolean {
  if (node.type !== 'call_expression') return false;
  const fn = node.childForFieldName('function');
  return fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === name && fn.childForFieldName('field')?.text === 'End';
}

/** Expressions a returned name can sit in and still be (part of) what is returned: `return ctx, &T{span}`. */
const RETURN_PARTS = new Set(['expression_list', 'literal_element', 'keyed_element', 'literal_value', 'composite_literal', 'unary_expression']);

/** A position in the file with what stands there. */
interface Mark {
  start: number;
}

/**
 * The span analysis of one file. What the per-span questions read (identifiers, assignments, deferred Ends,
 * returned and stored names, closures) is gathered once for the whole file from the tree's shared searches and
 * kept by name in source order; each question is then a binary search within its function's range. A node's
 * parent costs a walk from the root in tree-sitter, so nothing here climbs per span: a file or function
 * starting thousands of spans is analyzed in n·log n.
 */
export class SpanAnalysis {
  private gathered: Gathered | undefined;
  private readonly closuresByFunction = new Map<number, { start: number; reach: number }[]>();
  /** Hand-over verdicts by identifier, shared by the spans whose ranges meet. */
  readonly handedOver = new Map<number, boolean>();

  constructor(
    readonly file: SourceFile,
    readonly types: Resolver,
  ) {}

  get facts(): Gathered {
    this.gathered ??= gather(this.file.root);
    return this.gathered;
  }

  /** The closures strictly inside `fn`, by start, each with the furthest end reached by it or one before it. */
  closuresIn(fn: SyntaxNode): { start: number; reach: number }[] {
    let closures = this.closuresByFunction.get(fn.id);
    if (closures) return closures;
    closures = [];
    const literals = this.facts.literals;
    for (let i = firstAtOrAfter(literals, fn.startIndex + 1); i < literals.length && literals[i].start < fn.endIndex; i++) {
      closures.push({ start: literals[i].start, reach: Math.max(literals[i].end, closures[closures.length - 1]?.reach ?? -1) });
    }
    this.closuresByFunction.set(fn.id, closures);
    return closures;
  }
}

interface Gathered {
  /** Identifiers by name, in source order. */
  identifiers: Map<string, SyntaxNode[]>;
  /** Assignments and `:=` statements by each name they assign, in source order. */
  assignments: Map<string, SyntaxNode[]>;
  /** Deferred `name.End()` calls by name: where the defer stands and whether it defers a closure. */
  deferredEnds: Map<string, (Mark & { closure: boolean })[]>;
  /** Where each name is returned (`return ctx`) and stored by a `Set...Context(ctx)` setter. */
  returned: Map<string, Mark[]>;
  stored: Map<string, Mark[]>;
  /** Function literals by start. */
  literals: (Mark & { end: number })[];
}

function gather(root: SyntaxNode): Gathered {
  const identifiers = new Map<string, SyntaxNode[]>();
  for (const id of findAll(root, 'identifier')) push(identifiers, id.text, id);
  const assignments = new Map<string, SyntaxNode[]>();
  for (const statement of findAll(root, ['assignment_statement', 'short_var_declaration'])) {
    for (const left of statement.childForFieldName('left')?.namedChildren ?? []) if (left?.type === 'identifier') push(assignments, left.text, statement);
  }
  const deferredEnds = new Map<string, (Mark & { closure: boolean })[]>();
  for (const defer of findAll(root, 'defer_statement')) {
    const closure = defer.namedChild(0)?.childForFieldName('function')?.type === 'func_literal';
    for (const call of findAllWithin(defer, 'call_expression')) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'End') continue;
      const operand = callee.childForFieldName('operand');
      if (operand?.type === 'identifier') push(deferredEnds, operand.text, { start: defer.startIndex, closure });
    }
  }
  const returned = new Map<string, Mark[]>();
  for (const statement of findAll(root, 'return_statement')) for (const id of returnedNames(statement)) push(returned, id.text, { start: id.startIndex });
  const stored = new Map<string, Mark[]>();
  for (const call of findAll(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || !/^Set\w*Context$/.test(callee.childForFieldName('field')?.text ?? '')) continue;
    for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) if (arg?.type === 'identifier') push(stored, arg.text, { start: arg.startIndex });
  }
  const literals = findAll(root, 'func_literal').map((literal) => ({ start: literal.startIndex, end: literal.endIndex }));
  return { identifiers, assignments, deferredEnds, returned, stored, literals };
}

/** The identifiers a return statement hands back, directly or inside literals and `&x`. */
function returnedNames(statement: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'identifier') found.push(child);
      else if (RETURN_PARTS.has(child.type)) visit(child);
    }
  };
  visit(statement);
  return found;
}

/** True when `offset` lies inside a closure within `fn`. */
function insideClosure(analysis: SpanAnalysis, fn: SyntaxNode, offset: number): boolean {
  const closures = analysis.closuresIn(fn);
  let low = 0;
  let high = closures.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (closures[mid].start <= offset) low = mid + 1;
    else high = mid;
  }
  return low > 0 && closures[low - 1].reach > offset;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first index of `marks` (nodes or marks, in source order) starting at or after `offset`. */
function firstAtOrAfter(marks: readonly { startIndex?: number; start?: number }[], offset: number): number {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const at = marks[mid].startIndex ?? marks[mid].start!;
    if (at < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** True when some mark of the list stands in [from, to). */
function anyBetween(marks: readonly Mark[] | undefined, from: number, to: number): boolean {
  if (!marks) return false;
  const i = firstAtOrAfter(marks, from);
  return i < marks.length && marks[i].start < to;
}

/** True when an identifier `name` appears anywhere in `fn`. */
export function nameUsedIn(analysis: SpanAnalysis, fn: SyntaxNode, name: string): boolean {
  const uses = analysis.facts.identifiers.get(name) ?? [];
  const i = firstAtOrAfter(uses, fn.startIndex);
  return i < uses.length && uses[i].startIndex < fn.endIndex;
}

/** The identifiers named `name` starting in [from, to). */
function usesBetween(analysis: SpanAnalysis, name: string, from: number, to: number): SyntaxNode[] {
  const uses = analysis.facts.identifiers.get(name) ?? [];
  const found: SyntaxNode[] = [];
  for (let i = firstAtOrAfter(uses, from); i < uses.length && uses[i].startIndex < to; i++) found.push(uses[i]);
  return found;
}

/** True when the context from `start` is returned, so the caller can still reach (and end) its span. */
export function contextReturned(start: SpanStart, analysis: SpanAnalysis): boolean {
  const ctxName = start.ctxNode?.text ?? '_';
  if (!start.fn || ctxName === '_') return false;
  return anyBetween(analysis.facts.returned.get(ctxName), start.statement.endIndex, start.fn.endIndex);
}

/**
 * True when the context from `start` is stored into a request-like object through a `Set...Context` setter
 * (`r.SetContext(ctx)`, fiber's `c.SetUserContext(ctx)`): whoever completes that object can reach the span
 * with `SpanFromContext` and end it, which is how request hooks and middlewares pair with a discarded span.
 */
export function contextStored(start: SpanStart, analysis: SpanAnalysis): boolean {
  const ctxName = start.ctxNode?.text ?? '_';
  if (!start.fn || ctxName === '_') return false;
  return anyBetween(analysis.facts.stored.get(ctxName), start.statement.endIndex, start.fn.endIndex);
}

export type SpanVerdict = 'ended' | 'leaks' | 'unknown';

/**
 * Where the span's variable stops holding this span: the first statement after the start that assigns it anew
 * (the end of the function when none does). `span = wrap(span)` is not one: the old span goes into the new
 * value, and the use inside it is judged as a hand-over.
 */
export function spanScopeEnd(start: SpanStart, spanName: string, analysis: SpanAnalysis): { reassigned: SyntaxNode | null; limit: number } {
  const fn = start.fn!;
  const assignments = analysis.facts.assignments.get(spanName) ?? [];
  for (let i = firstAtOrAfter(assignments, start.statement.endIndex); i < assignments.length && assignments[i].startIndex < fn.endIndex; i++) {
    const right = assignments[i].childForFieldName('right');
    if (right && usesBetween(analysis, spanName, right.startIndex, right.endIndex).length > 0) continue;
    return { reassigned: assignments[i], limit: assignments[i].startIndex };
  }
  return { reassigned: null, limit: fn.endIndex };
}

/**
 * Whether the span bound by `start` is ended on every path out of its scope. `ended` also covers a deferred
 * End and spans that are returned, stored or handed to other code (their owner ends them).
 */
export function spanVerdict(start: SpanStart, spanName: string, analysis: SpanAnalysis): SpanVerdict {
  const fn = start.fn;
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return 'unknown';
  const { reassigned, limit } = spanScopeEnd(start, spanName, analysis);
  const from = start.statement.endIndex;

  for (const use of usesBetween(analysis, spanName, from, limit)) {
    let handed = analysis.handedOver.get(use.id);
    if (handed === undefined) analysis.handedOver.set(use.id, (handed = handsOver(use, fn, analysis)));
    if (handed) return 'ended';
  }
  if (contextReturned(start, analysis)) return 'ended';
  // `defer span.End()` binds the span when the defer runs, so it must come after this Start (and before the
  // variable is reused); a deferred closure reads the variable at return, so it may sit anywhere in the function.
  const defers = analysis.facts.deferredEnds.get(spanName) ?? [];
  for (let i = firstAtOrAfter(defers, fn.startIndex); i < defers.length && defers[i].start < fn.endIndex; i++) {
    if (defers[i].closure || (defers[i].start >= from && defers[i].start < limit)) return 'ended';
  }

  // Flow analysis over the rest of the block that declares (or assigns) the span.
  const list = start.statement.parent;
  if (!list || (list.type !== 'statement_list' && list.type !== 'block')) return 'unknown';
  if (start.statement.type === 'assignment_statement' && list.parent?.id !== body.id) return 'unknown';
  try {
    const flow = sequence(followingStatements(start.statement), { ended: false, exits: false }, { name: spanName, loopDepth: 0, reassigned, types: analysis.types });
    return flow.ended || flow.exits ? 'ended' : 'leaks';
  } catch (signal) {
    if (signal === LEAK) return 'leaks';
    if (signal === UNKNOWN) return 'unknown';
    throw signal;
  }
}

/** The statements after `statement` in its block, read one by one: the flow usually stops at the first End. */
function* followingStatements(statement: SyntaxNode): Generator<SyntaxNode> {
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) if (next.type !== 'comment') yield next;
}

/** The `name.End()` calls standing in [from, to) of the function. */
export function endCallsBetween(analysis: SpanAnalysis, name: string, from: number, to: number): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  for (const use of usesBetween(analysis, name, from, to)) {
    const selector = use.parent;
    if (selector?.type !== 'selector_expression' || selector.childForFieldName('operand')?.id !== use.id) continue;
    if (selector.childForFieldName('field')?.text !== 'End' || selector.parent?.type !== 'call_expression') continue;
    calls.push(selector.parent);
  }
  return calls;
}

/** True when this use of the span gives it to someone else: returned, stored, sent, passed, or captured. */
function handsOver(use: SyntaxNode, fn: SyntaxNode, analysis: SpanAnalysis): boolean {
  const types = analysis.types;
  if (insideClosure(analysis, fn, use.startIndex)) return true;
  const parent = use.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list') return !onlyReads(parent.parent, types);
  if (parent.type === 'literal_element' || parent.type === 'send_statement') return true;
  if (parent.type === 'unary_expression') {
    const outer = parent.parent;
    if (outer?.type === 'return_statement' || (outer && RETURN_PARTS.has(outer.type) && isReturned(outer))) return true;
    const address = parent.text.startsWith('&') && outer?.type === 'argument_list';
    return !(address && onlyReads(outer!.parent, types));
  }
  if (parent.type === 'expression_list') {
    const holder = parent.parent;
    if (holder?.type === 'return_statement') return true;
    if ((holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && holder.childForFieldName('right')?.id === parent.id) return true;
    if (holder?.type === 'var_spec') return true;
  }
  return parent.type === 'return_statement' || (RETURN_PARTS.has(parent.type) && isReturned(parent));
}

/** `return x`, `return ctx, x`, `return &T{x}`: the node is (part of) what the function returns. */
function isReturned(node: SyntaxNode): boolean {
  let current: SyntaxNode | null = node;
  while (current?.parent && RETURN_PARTS.has(current.parent.type)) current = current.parent;
  return current?.parent?.type === 'return_statement';
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

function sequence(statements: Iterable<SyntaxNode>, state: Flow, scope: FlowScope): Flow {
  let current = state;
  for (const statement of statements) {
    // Once ended, nothing later can leak this span: stop reading (a long block is read only up to its End).
    if (current.exits || current.ended) break;
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
