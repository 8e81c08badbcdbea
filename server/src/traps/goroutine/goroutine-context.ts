/**
 * Which contexts die when a function returns: ones derived with a cancel the function defers (or calls), the
 * request's context in an HTTP handler, and gin's per-request `*gin.Context`; how they reach a goroutine; and
 * whether the function waits for the goroutine first. Types come from the resolver; every question is answered
 * from the file's scan by position, so a file full of goroutines costs no more than one walk.
 */
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import { CONTEXT_PACKAGES } from '../../go/syntax';
import { typeShape } from '../../go/types';
import { isContextType, requestKind } from './context-in-reach';
import { typedParams } from './goroutine-ast';
import { anyWithin, firstFrom, GoroutineScan, IdentifierIndex } from './goroutine-scan';

/** Why a context must not outlive its function. */
export type DoomKind = 'cancel' | 'request' | 'gin';

export interface DoomedContext {
  kind: DoomKind;
  /** The variable name, or the request parameter's name for `r.Context()`. */
  name: string;
  /** True for the `r.Context()` call itself (keyed by its text), false for a variable. */
  viaCall: boolean;
  /** Where it starts being doomed: uses before this offset do not count. */
  from: number;
  /** The deferred or explicit cancel statements, for the cancel kind. */
  cancels: SyntaxNode[];
}

export interface DoomedUse {
  key: string;
  node: SyntaxNode;
}

const DERIVERS = new Set(['WithTimeout', 'WithCancel', 'WithDeadline', 'WithTimeoutCause', 'WithDeadlineCause', 'WithCancelCause']);
/** Helpers that make a context that outlives its parent's cancellation, or a fresh root. */
const DETACHERS = new Set(['WithoutCancel', 'Background', 'TODO']);

/** False when the file imports none of the packages doomed contexts come from: then no function in it has one. */
export function mayHoldDoomedContext(file: SourceFile): boolean {
  return ['context', 'golang.org/x/net/context', 'net/http', 'github.com/gin-gonic/gin', 'github.com/labstack/echo/v4', 'github.com/labstack/echo'].some(
    (path) => file.localNameOf(path) !== undefined,
  );
}

export class DoomedContexts {
  private readonly byFunction = new Map<number, Map<string, DoomedContext>>();
  private detachers: { start: number; end: number }[] | undefined;
  private joins: number[] | undefined;
  private watches: number[] | undefined;
  private contextCalls: { start: number; end: number; text: string; node: SyntaxNode }[] | undefined;

  constructor(
    private readonly scan: GoroutineScan,
    private readonly types: Resolver,
    private readonly identifiers: () => IdentifierIndex,
  ) {}

  /** The contexts of function `fn` that are cancelled by the time it returns, keyed by variable name or call text. */
  of(fn: number): Map<string, DoomedContext> {
    let doomed = this.byFunction.get(fn);
    if (!doomed) this.byFunction.set(fn, (doomed = this.compute(fn)));
    return doomed;
  }

  private compute(fn: number): Map<string, DoomedContext> {
    const scan = this.scan;
    const doomed = new Map<string, DoomedContext>();
    const fnNode = scan.nodes[fn];
    for (const param of typedParams(fnNode)) {
      if (!param.name || param.name === '_' || param.receiver) continue;
      const kind = requestKind(this.types, this.types.typeOfTypeNode(param.type));
      const from = scan.starts[fn];
      if (kind === 'http') doomed.set(`${param.name}.Context()`, { kind: 'request', name: param.name, viaCall: true, from, cancels: [] });
      if (kind === 'echo') doomed.set(`${param.name}.Request().Context()`, { kind: 'request', name: param.name, viaCall: true, from, cancels: [] });
      if (kind === 'gin') doomed.set(param.name, { kind: 'gin', name: param.name, viaCall: false, from, cancels: [] });
    }
    const declarations = [...scan.ofTypeWithin('short_var_declaration', scan.starts[fn], scan.ends[fn]), ...scan.ofTypeWithin('assignment_statement', scan.starts[fn], scan.ends[fn])]
      .filter((d) => scan.fn[d] === fn)
      .sort((a, b) => a - b);
    for (const d of declarations) {
      const declaration = scan.nodes[d];
      const left = (declaration.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      const right = (declaration.childForFieldName('right')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      if (right.length !== 1 || left.length === 0) continue;
      const value = right[0];
      const callee = value.type === 'call_expression' ? this.types.calleeOf(value) : null;
      if (left.length === 2 && callee?.kind === 'func' && CONTEXT_PACKAGES.includes(callee.pkg) && DERIVERS.has(callee.name)) {
        const cancels = left[1].text === '_' ? [] : this.cancelCalls(fn, left[1].text, scan.ends[d]);
        if (cancels.length > 0) {
          doomed.set(left[0].text, { kind: 'cancel', name: left[0].text, viaCall: false, from: scan.ends[d], cancels });
          continue;
        }
      }
      // A copy, or a context built from a doomed one (WithValue, req.WithContext, an uncalled WithTimeout), shares its fate.
      // `g, gctx := errgroup.WithContext(ctx)`: of several results, the context is the one named like one.
      const target = left.length === 1 ? left[0] : left.find((n) => /ctx|context/i.test(n.text));
      if (!target || target.type !== 'identifier' || target.text === '_' || !this.derivesContext(value)) continue;
      const source = this.usesIn(value, doomed)[0];
      if (!source) continue;
      const origin = doomed.get(source.key)!;
      // `c.Request.Context()` of a gin context is the request's context, not the reusable gin context.
      const kind = origin.kind === 'gin' && value.text !== origin.name ? 'request' : origin.kind;
      doomed.set(target.text, { ...origin, kind, name: target.text, viaCall: false, from: scan.ends[d] });
    }
    return doomed;
  }

  /** `ctx2 := ctx`, `context.WithValue(ctx, ...)`, `req.WithContext(ctx)`, `metadata.NewOutgoingContext(ctx, md)`. */
  private derivesContext(value: SyntaxNode): boolean {
    if (value.type === 'identifier') return true;
    if (value.type !== 'call_expression') return false;
    const callee = this.types.calleeOf(value);
    if (callee?.kind === 'func' && CONTEXT_PACKAGES.includes(callee.pkg)) return true;
    if (isContextType(this.types, this.types.typeOf(value))) return true;
    const fn = value.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
    return /^With\w*Context$|^WithContext$|Context$/.test(name ?? '');
  }

  /** Every `defer cancel()`, `defer func() { ... cancel() }()` and plain `cancel()` of `fn` after `after`. */
  private cancelCalls(fn: number, cancelName: string, after: number): SyntaxNode[] {
    const scan = this.scan;
    const found: SyntaxNode[] = [];
    const isCancel = (call: SyntaxNode) => call.childForFieldName('function')?.text === cancelName && (call.childForFieldName('arguments')?.namedChildCount ?? 0) <= 1;
    for (const type of ['defer_statement', 'expression_statement']) {
      for (const s of scan.ofTypeWithin(type, after, scan.ends[fn])) {
        if (scan.fn[s] !== fn) continue;
        const statement = scan.nodes[s];
        const call = statement.namedChildren[0];
        if (!call || call.type !== 'call_expression') continue;
        const literal = call.childForFieldName('function');
        const deferredClosure = type === 'defer_statement' && literal?.type === 'func_literal';
        if (isCancel(call) || (deferredClosure && scan.ofTypeWithin('call_expression', literal.startIndex, literal.endIndex).some((c) => isCancel(scan.nodes[c])))) {
          found.push(statement);
        }
      }
    }
    return found.sort((a, b) => a.startIndex - b.startIndex);
  }

  /** Uses of doomed contexts inside a small expression (a `go` call's argument), unless detached there. */
  usesIn(node: SyntaxNode, doomed: Map<string, DoomedContext>): DoomedUse[] {
    const uses: DoomedUse[] = [];
    const visit = (current: SyntaxNode): void => {
      if (current.type === 'call_expression') {
        if (this.isDetacher(current)) return;
        const entry = doomed.get(current.text);
        if (entry?.viaCall && current.startIndex >= entry.from) {
          uses.push({ key: current.text, node: current });
          return;
        }
      }
      if (current.type === 'identifier') {
        const entry = doomed.get(current.text);
        if (entry && !entry.viaCall && current.startIndex >= entry.from) uses.push({ key: current.text, node: current });
      }
      if (current.type === 'func_literal') return;
      for (const child of current.namedChildren) if (child) visit(child);
    };
    visit(node);
    return uses;
  }

  /** `context.WithoutCancel(x)`, `context.Background()`, `c.Copy()`: what is inside is not the doomed context. */
  private isDetacher(call: SyntaxNode): boolean {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Copy') return true;
    const callee = this.types.calleeOf(call);
    return callee?.kind === 'func' && CONTEXT_PACKAGES.includes(callee.pkg) && DETACHERS.has(callee.name);
  }

  /**
   * Uses of doomed contexts a closure captures: names it does not declare itself, and request `r.Context()` calls,
   * found by position among the file's identifiers and calls (no walk of the closure).
   */
  captured(literal: SyntaxNode, doomed: Map<string, DoomedContext>): DoomedUse[] {
    const uses: DoomedUse[] = [];
    const start = literal.startIndex;
    const end = literal.endIndex;
    const outside = (node: SyntaxNode) => {
      const decl = this.types.localDeclOf(node);
      return !decl || decl.node.startIndex < start || decl.node.startIndex >= end;
    };
    for (const [key, entry] of doomed) {
      if (entry.viaCall) {
        for (const call of this.contextCallsWithin(start, end)) {
          const operand = firstIdentifier(call.node);
          if (call.text === key && call.start >= entry.from && operand && outside(operand) && !this.detached(call.start)) uses.push({ key, node: call.node });
        }
      } else {
        for (const id of this.identifiers().nodesWithin(key, start, end)) {
          if (id.startIndex >= entry.from && outside(id) && !this.detached(id.startIndex)) uses.push({ key, node: id });
        }
      }
    }
    return uses.sort((a, b) => a.node.startIndex - b.node.startIndex);
  }

  private contextCallsWithin(start: number, end: number): { start: number; text: string; node: SyntaxNode }[] {
    if (!this.contextCalls) {
      this.contextCalls = [];
      for (const i of this.scan.ofType('call_expression')) {
        const node = this.scan.nodes[i];
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Context') continue;
        if ((node.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) continue;
        this.contextCalls.push({ start: this.scan.starts[i], end: this.scan.ends[i], text: node.text, node });
      }
    }
    const found: { start: number; text: string; node: SyntaxNode }[] = [];
    for (let k = firstFrom(this.contextCalls, (c) => c.start, start); k < this.contextCalls.length && this.contextCalls[k].start < end; k++) {
      if (this.contextCalls[k].end <= end) found.push(this.contextCalls[k]);
    }
    return found;
  }

  private detached(offset: number): boolean {
    if (!this.detachers) {
      this.detachers = [];
      for (const i of this.scan.ofType('call_expression')) {
        const node = this.scan.nodes[i];
        const fn = node.childForFieldName('function');
        const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
        if (name && (DETACHERS.has(name) || name === 'Copy') && this.isDetacher(node)) this.detachers.push({ start: this.scan.starts[i], end: this.scan.ends[i] });
      }
    }
    return this.detachers.some((d) => offset >= d.start && offset < d.end);
  }

  /**
   * True when function `fn` waits for something after `go`: a `Wait()` (WaitGroup, errgroup), a channel receive,
   * a `select` (including `select {}`) or a range over a channel, or defers a `Wait()`, so the goroutine may finish
   * before the cancel runs.
   */
  joinedAfter(fn: number, go: number): boolean {
    const scan = this.scan;
    // `defer wg.Wait()` joins at return wherever it is written (deferred order is left to the reader).
    const deferredWait = scan
      .ofTypeWithin('defer_statement', scan.starts[fn], scan.ends[fn])
      .some((d) => scan.fn[d] === fn && /\.Wait\(\)$/.test(scan.nodes[d].namedChildren[0]?.text ?? ''));
    if (deferredWait) return true;
    return anyWithin(this.joinOffsets(), scan.ends[go], scan.ends[fn]);
  }

  private joinOffsets(): number[] {
    if (this.joins) return this.joins;
    const scan = this.scan;
    const joins: number[] = [];
    for (const i of scan.ofType('select_statement')) joins.push(scan.starts[i]);
    for (const i of scan.ofType('unary_expression')) if (scan.nodes[i].child(0)?.type === '<-') joins.push(scan.starts[i]);
    for (const i of scan.ofType('call_expression')) {
      const fn = scan.nodes[i].childForFieldName('function');
      if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Wait') joins.push(scan.starts[i]);
    }
    for (const i of scan.ofType('range_clause')) {
      const over = this.types.typeOf(scan.nodes[i].childForFieldName('right'));
      if (over && typeShape(this.types.underlying(over)).kind === 'chan') joins.push(scan.starts[i]);
    }
    this.joins = joins.sort((a, b) => a - b);
    return this.joins;
  }

  /** True when a function looks at a context's end itself (`<-ctx.Done()`, `ctx.Err()`): being cancelled is its design. */
  watchesCancellation(fn: SyntaxNode): boolean {
    if (!this.watches) {
      const scan = this.scan;
      const watches: number[] = [];
      for (const i of scan.ofType('call_expression')) {
        const node = scan.nodes[i];
        const selector = node.childForFieldName('function');
        if (selector?.type !== 'selector_expression') continue;
        const field = selector.childForFieldName('field')?.text;
        const holder = scan.parent[i];
        if (field === 'Done' && holder >= 0 && scan.types[holder] === 'unary_expression' && scan.nodes[holder].child(0)?.type === '<-') watches.push(scan.starts[i]);
        else if (field === 'Err' && /(^|\.)(ctx|\w*Ctx|context)$/i.test(selector.childForFieldName('operand')?.text ?? '')) watches.push(scan.starts[i]);
      }
      this.watches = watches;
    }
    return anyWithin(this.watches, fn.startIndex, fn.endIndex);
  }
}

function firstIdentifier(call: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode | null | undefined = call.childForFieldName('function');
  for (let steps = 0; current && steps < 8; steps++) {
    if (current.type === 'identifier') return current;
    current = current.type === 'selector_expression' ? current.childForFieldName('operand') : current.type === 'call_expression' ? current.childForFieldName('function') : null;
  }
  return null;
}
