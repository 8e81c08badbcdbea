/**
 * Which contexts die when a function returns: ones derived with a cancel the function defers (or calls), the
 * request's context in an HTTP handler, and gin's per-request `*gin.Context`; and how they reach a goroutine.
 */
import { fieldChildren } from '../../go/syntax';
import { findAll, parametersOf } from '../../go/syntax';
import { contains, findInFunction } from './goroutine-ast';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

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
  /** The deferred or explicit cancel calls, for the cancel kind. */
  cancels: SyntaxNode[];
}

const DERIVERS = ['WithTimeout', 'WithCancel', 'WithDeadline', 'WithTimeoutCause', 'WithDeadlineCause', 'WithCancelCause'];
/** Helpers that make a context that outlives its parent's cancellation, or a fresh root. */
const DETACHERS = ['WithoutCancel', 'Background', 'TODO'];

/** The names under which the file imports the packages doomed contexts come from. */
function contextSources(file: SourceFile) {
  return {
    contextPkg: file.localNameOf('context'),
    httpPkg: file.localNameOf('net/http'),
    ginPkg: file.localNameOf('github.com/gin-gonic/gin'),
    echoPkg: file.localNameOf('github.com/labstack/echo/v4') ?? file.localNameOf('github.com/labstack/echo'),
  };
}

/** False when the file imports none of those packages: then no function in it has a doomed context. */
export function mayHoldDoomedContext(file: SourceFile): boolean {
  return Object.values(contextSources(file)).some((name) => name !== undefined);
}

/** The contexts in `fn` that are cancelled by the time `fn` returns, keyed by variable name. */
export function doomedContexts(file: SourceFile, fn: SyntaxNode): Map<string, DoomedContext> {
  const doomed = new Map<string, DoomedContext>();
  const { contextPkg, httpPkg, ginPkg, echoPkg } = contextSources(file);
  for (const param of parametersOf(fn)) {
    if (!param.name || param.name === '_') continue;
    if (httpPkg && param.type === `*${httpPkg}.Request`) doomed.set(`${param.name}.Context()`, { kind: 'request', name: param.name, viaCall: true, from: fn.startIndex, cancels: [] });
    if (echoPkg && param.type === `${echoPkg}.Context`) doomed.set(`${param.name}.Request().Context()`, { kind: 'request', name: param.name, viaCall: true, from: fn.startIndex, cancels: [] });
    if (ginPkg && param.type === `*${ginPkg}.Context`) doomed.set(param.name, { kind: 'gin', name: param.name, viaCall: false, from: fn.startIndex, cancels: [] });
  }
  if (!contextPkg && doomed.size === 0) return doomed;
  for (const declaration of findInFunction(fn, ['short_var_declaration', 'assignment_statement'])) {
    const left = (declaration.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
    const right = declaration.childForFieldName('right')?.namedChildren ?? [];
    if (right.length !== 1 || !right[0] || left.length === 0) continue;
    const value = right[0];
    const callee = value.type === 'call_expression' ? value.childForFieldName('function') : null;
    if (contextPkg && left.length === 2 && file.isPackageSelector(callee, ['context'], DERIVERS)) {
      const cancelName = left[1].text;
      const cancels = cancelName === '_' ? [] : cancelCalls(fn, cancelName, declaration);
      if (cancels.length > 0) {
        doomed.set(left[0].text, { kind: 'cancel', name: left[0].text, viaCall: false, from: declaration.endIndex, cancels });
        continue;
      }
    }
    // A copy, or a context built from a doomed one (WithValue, req.WithContext, an uncalled WithTimeout), shares its fate.
    // `g, gctx := errgroup.WithContext(ctx)`: of several results, the context is the one named like one.
    const target = left.length === 1 ? left[0] : left.find((n) => /ctx|context/i.test(n.text));
    if (!target || target.type !== 'identifier' || target.text === '_' || !derivesContext(file, value)) continue;
    const source = doomedUse(file, value, doomed);
    if (!source) continue;
    const origin = doomed.get(source.key)!;
    // `c.Request.Context()` of a gin context is the request's context, not the reusable gin context.
    const kind = origin.kind === 'gin' && value.text !== origin.name ? 'request' : origin.kind;
    doomed.set(target.text, { ...origin, kind, name: target.text, viaCall: false, from: declaration.endIndex });
  }
  return doomed;
}

/** `ctx2 := ctx`, `context.WithValue(ctx, ...)`, `req.WithContext(ctx)`, `metadata.NewOutgoingContext(ctx, md)`. */
function derivesContext(file: SourceFile, value: SyntaxNode): boolean {
  if (value.type === 'identifier') return true;
  if (value.type !== 'call_expression') return false;
  const callee = value.childForFieldName('function');
  if (file.isPackageSelector(callee, ['context'])) return true;
  const name = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : callee?.text;
  return /^With\w*Context$|^WithContext$|Context$/.test(name ?? '');
}

/** Every `defer cancel()`, `defer func() { ... cancel() }()` and plain `cancel()` after `after` in `fn`. */
function cancelCalls(fn: SyntaxNode, cancelName: string, after: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const isCancel = (call: SyntaxNode) => call.childForFieldName('function')?.text === cancelName && (call.childForFieldName('arguments')?.namedChildCount ?? 0) <= 1;
  for (const statement of findInFunction(fn, ['defer_statement', 'expression_statement'])) {
    if (statement.startIndex < after.endIndex) continue;
    const call = statement.namedChildren[0];
    if (!call || call.type !== 'call_expression') continue;
    const literal = call.childForFieldName('function');
    if (isCancel(call) || (statement.type === 'defer_statement' && literal?.type === 'func_literal' && findAll(literal, 'call_expression').some(isCancel))) {
      found.push(statement);
    }
  }
  return found;
}

/** A use of a doomed context inside `node`, unless it is detached there (`context.WithoutCancel(ctx)`, `c.Copy()`). */
export function doomedUse(file: SourceFile, node: SyntaxNode, doomed: Map<string, DoomedContext>): DoomedUse | null {
  return doomedUses(file, node, doomed)[0] ?? null;
}

export interface DoomedUse {
  key: string;
  node: SyntaxNode;
}

/** Every use of a doomed context inside `node`, in source order. */
export function doomedUses(file: SourceFile, node: SyntaxNode, doomed: Map<string, DoomedContext>): DoomedUse[] {
  const uses: DoomedUse[] = [];
  const visit = (current: SyntaxNode): void => {
    if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function');
      if (file.isPackageSelector(callee, ['context'], DETACHERS)) return;
      if (callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Copy') return;
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
    for (const child of current.namedChildren) if (child) visit(child);
  };
  visit(node);
  return uses;
}

/**
 * Uses of doomed contexts a closure captures: free identifiers (not its own parameters or variables) and
 * request `r.Context()` calls.
 */
export function capturedDoomed(file: SourceFile, literal: SyntaxNode, doomed: Map<string, DoomedContext>): DoomedUse[] {
  const own = new Set(parametersOf(literal).map((p) => p.name));
  for (const declaration of findAll(literal, ['short_var_declaration', 'var_spec'])) {
    const names = declaration.type === 'var_spec' ? fieldChildren(declaration, 'name') : declaration.childForFieldName('left')?.namedChildren ?? [];
    for (const name of names) if (name) own.add(name.text);
  }
  const body = literal.childForFieldName('body');
  if (!body) return [];
  const free = new Map([...doomed].filter(([key, entry]) => !own.has(entry.viaCall ? entry.name : key)));
  return doomedUses(file, body, free);
}

/**
 * True when `fn` waits for something after `goStatement`: a `Wait()` (WaitGroup, errgroup), a channel
 * receive, or a `select` (including `select {}`), or defers a `Wait()`, so the goroutine may finish before the
 * cancel runs.
 */
export function joinedAfter(fn: SyntaxNode, goStatement: SyntaxNode): boolean {
  // `defer wg.Wait()` joins at return wherever it is written (deferred order is left to the reader).
  const deferredWait = findInFunction(fn, 'defer_statement').some((d) => /\.Wait\(\)$/.test(d.namedChildren[0]?.text ?? ''));
  if (deferredWait) return true;
  let joined = false;
  const visit = (node: SyntaxNode): void => {
    if (joined || node.endIndex <= goStatement.endIndex) return;
    if (node.startIndex >= goStatement.endIndex) {
      if (node.type === 'select_statement') joined = true;
      else if (node.type === 'unary_expression' && node.child(0)?.type === '<-') joined = true;
      else if (node.type === 'call_expression') {
        const callee = node.childForFieldName('function');
        if (callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Wait') joined = true;
      } else if (node.type === 'range_clause' && /^(chan\b|make\(chan)/.test(node.childForFieldName('right')?.text ?? '')) joined = true;
      else if (node.type === 'for_statement' && receivesInRangeOfChannel(fn, node)) joined = true;
    }
    if (!joined && !contains(goStatement, node)) for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(fn);
  return joined;
}

/** `for r := range results` where `results` is made as a channel in `fn`. */
function receivesInRangeOfChannel(fn: SyntaxNode, loop: SyntaxNode): boolean {
  const right = loop.namedChildren.find((n) => n?.type === 'range_clause')?.childForFieldName('right');
  if (!right || right.type !== 'identifier') return false;
  return findAll(fn, 'short_var_declaration').some((d) => {
    const left = d.childForFieldName('left')?.namedChildren ?? [];
    const values = d.childForFieldName('right')?.namedChildren ?? [];
    const index = left.findIndex((n) => n?.text === right.text);
    return index >= 0 && /^make\(\s*chan\b/.test(values[index]?.text ?? '');
  });
}

/** True when `fn` looks at a context's end itself (`<-ctx.Done()`, `ctx.Err()`): then being cancelled is its design. */
export function watchesCancellation(fn: SyntaxNode): boolean {
  return findAll(fn, 'selector_expression').some((s) => {
    const field = s.childForFieldName('field')?.text;
    if (s.parent?.type !== 'call_expression') return false;
    if (field === 'Done') return s.parent.parent?.type === 'unary_expression' && s.parent.parent.child(0)?.type === '<-';
    return field === 'Err' && /(^|\.)(ctx|\w*Ctx|context)$/i.test(s.childForFieldName('operand')?.text ?? '');
  });
}
