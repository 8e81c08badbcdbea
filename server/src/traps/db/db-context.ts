/**
 * Contexts of database calls: whether a context expression carries no deadline (`context.Background()`,
 * `context.TODO()`, directly or through a local variable), and the shared fix that derives a timeout context
 * once per function for every flagged call in it.
 */
import { fieldChildren } from '../../go/syntax';
import { goDuration, Settings } from '../../engine/config';
import { ensureImport, insertLinesBefore } from '../../engine/edits';
import { CONTEXT_PACKAGES, enclosingFunction, enclosingStatement, FUNCTION_TYPES, walk } from '../../go/syntax';
import { inScope } from './db-handles';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';
import type { FileEdit } from '../../engine/types';

/** Derivations that keep their parent's (missing) deadline. */
const KEEPS_DEADLINE = ['WithValue', 'WithCancel', 'WithCancelCause', 'WithoutCancel'];
const MAX_DEPTH = 6;

/** How a context expression lacks a deadline: `pure` when it is exactly Background()/TODO() (nothing to keep). */
export interface NoDeadline {
  root: 'Background' | 'TODO';
  pure: boolean;
  /** The local variable passed, when the call uses one. */
  variable?: string;
  /** The last statement that assigned that variable before the call. */
  assignment?: SyntaxNode;
}

/** Whether `expr` (a call's context argument) has no deadline, as far as the enclosing function shows. */
export function noDeadlineContext(file: SourceFile, expr: SyntaxNode, depth = 0): NoDeadline | null {
  if (depth > MAX_DEPTH) return null;
  if (expr.type === 'parenthesized_expression') return noDeadlineContext(file, expr.namedChildren[0]!, depth + 1);
  if (expr.type === 'call_expression') {
    const callee = expr.childForFieldName('function');
    if (file.isPackageSelector(callee, CONTEXT_PACKAGES, ['Background', 'TODO'])) {
      return { root: callee!.childForFieldName('field')!.text as 'Background' | 'TODO', pure: true };
    }
    if (file.isPackageSelector(callee, CONTEXT_PACKAGES, KEEPS_DEADLINE)) {
      const parent = expr.childForFieldName('arguments')?.namedChildren.find((n) => n?.type !== 'comment');
      const inner = parent ? noDeadlineContext(file, parent, depth + 1) : null;
      return inner ? { root: inner.root, pure: false } : null;
    }
    return null;
  }
  if (expr.type !== 'identifier') return null;
  const assigned = lastAssignment(expr);
  if (!assigned) return null;
  const inner = noDeadlineContext(file, assigned.value, depth + 1);
  return inner ? { root: inner.root, pure: inner.pure, variable: expr.text, assignment: assigned.statement } : null;
}

/**
 * The value last bound to a local variable before `use`, by position within the function that declares it
 * (declarations count only when their scope holds the use). Null for parameters, package variables, and
 * anything bound in a way we cannot read.
 */
function lastAssignment(use: SyntaxNode): { value: SyntaxNode; statement: SyntaxNode } | null {
  for (let fn = enclosingFunction(use); fn; fn = enclosingFunction(fn)) {
    for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters'), fn.childForFieldName('result')]) {
      if (list?.descendantsOfType('identifier').some((n) => n?.text === use.text)) return null;
    }
    const body = fn.childForFieldName('body');
    if (!body) continue;
    let last: { value: SyntaxNode | null; statement: SyntaxNode } | null = null;
    let declared = false;
    walk(body, (node) => {
      if (node.startIndex >= use.startIndex) return false;
      const bound = bindingOf(node, use.text);
      if (!bound || node.endIndex > use.startIndex) return true;
      const declares = node.type !== 'assignment_statement';
      if (declares && !inScope(node, use)) return true;
      last = bound;
      declared ||= declares;
      return true;
    });
    const found = last as { value: SyntaxNode | null; statement: SyntaxNode } | null;
    if (found || declared) return found?.value ? { value: found.value, statement: found.statement } : null;
  }
  return null;
}

/** When `node` binds `name` (`:=`, `var`, `=`), the value it binds; value null when it cannot be read. */
function bindingOf(node: SyntaxNode, name: string): { value: SyntaxNode | null; statement: SyntaxNode } | null {
  let names: SyntaxNode[] = [];
  let values: SyntaxNode[] = [];
  if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
    if (node.type === 'assignment_statement' && node.childForFieldName('operator')?.text !== '=') return null;
    names = (node.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
    values = (node.childForFieldName('right')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  } else if (node.type === 'var_spec') {
    names = fieldChildren(node, 'name').filter((n): n is SyntaxNode => !!n);
    values = (node.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  } else if (node.type === 'range_clause') {
    const left = node.childForFieldName('left')?.namedChildren ?? [];
    return left.some((n) => n?.text === name) ? { value: null, statement: node } : null;
  } else {
    return null;
  }
  const index = names.findIndex((n) => n.type === 'identifier' && n.text === name);
  if (index < 0) return null;
  if (values.length === names.length) return { value: values[index], statement: node };
  // `ctx, cancel := context.WithCancel(parent)`: the first result of one call.
  if (values.length === 1 && values[0].type === 'call_expression' && index === 0) return { value: values[0], statement: node };
  return { value: null, statement: node };
}

/** One shared timeout context for the flagged calls of one function. */
export interface TimeoutContextPlan {
  /** The variable the calls should pass. */
  name: string;
  /** Insertion of `name, cancel := context.WithTimeout(parent, d)` / `defer cancel()` and the imports. */
  edits: FileEdit[];
  /** Calls covered by the plan, by node id: true when the fix is safe, false when it needs a person (loops). */
  calls: Map<number, boolean>;
}

export interface TimeoutContextRequest {
  /** Go expression of the parent context; defaults to `<context>.Background()`. */
  parent?: string;
  /** Reuse this name for the derived context (`ctx, cancel := context.WithTimeout(ctx, d)`); else a fresh one. */
  name?: string;
  /** The insertion must come after this node (the statement that declares the parent variable). */
  after?: SyntaxNode;
}

/**
 * Plans the insertion of `ctx, cancel := context.WithTimeout(parent, <timeouts.db>)` and `defer cancel()` before
 * the statement that holds the first of `calls` (all in one function), at a level whose scope holds all of them.
 * Every call of one function gets the identical insertion, so fix-all applies it once. Calls directly in `go` or
 * `defer` statements are left out: their context would be cancelled or expired by the time they run.
 */
export function planTimeoutContext(file: SourceFile, settings: Settings, calls: SyntaxNode[], request: TimeoutContextRequest = {}): TimeoutContextPlan | null {
  const eligible = calls.filter((call) => {
    const statement = enclosingStatement(call);
    return statement && statement.type !== 'go_statement' && statement.type !== 'defer_statement';
  });
  if (eligible.length === 0) return null;
  const fn = enclosingFunction(eligible[0]);
  if (!fn || eligible.some((c) => enclosingFunction(c)?.id !== fn.id)) return null;
  const anchor = commonAnchor(eligible, fn);
  if (!anchor) return null;
  // Only a statement that starts its own line can have lines inserted before it inside the same scope.
  if (file.lineText(anchor.startPosition.row).slice(0, anchor.startPosition.column).trim() !== '') return null;
  if (request.after && request.after.endIndex > anchor.startIndex) return null;

  const contextPkg = packageName(file, 'context', CONTEXT_PACKAGES);
  const timePkg = packageName(file, 'time', ['time']);
  if (!contextPkg || !timePkg) return null;
  const taken = namesIn(file, fn);
  const name = request.name ?? fresh(['ctx', 'dbCtx', 'queryCtx'], taken);
  const cancel = fresh(['cancel', 'cancelDB', 'cancelQuery'], taken);
  if (!name || !cancel) return null;
  const parent = request.parent ?? `${contextPkg}.Background()`;
  // gofmt tightens `*` inside a call with several arguments.
  const timeout = goDuration(settings.timeouts.db, timePkg).replace(' * ', '*');
  const edits = [
    insertLinesBefore(file, anchor, [`${name}, ${cancel} := ${contextPkg}.WithTimeout(${parent}, ${timeout})`, `defer ${cancel}()`]),
    ...ensureImport(file, 'context'),
    ...ensureImport(file, 'time'),
  ];
  const covered = new Map<number, boolean>();
  for (const call of eligible) covered.set(call.id, !insideLoop(call, fn));
  return { name, edits, calls: covered };
}

/** The name a file uses for a package, importing the first path when needed; null when the name is taken. */
function packageName(file: SourceFile, name: string, paths: string[]): string | null {
  for (const path of paths) {
    const local = file.localNameOf(path);
    if (local) return local;
  }
  return file.importPathOf(name) ? null : name;
}

/** The statement before which to declare the context: in the innermost statement list that holds every call. */
function commonAnchor(calls: SyntaxNode[], fn: SyntaxNode): SyntaxNode | null {
  const first = calls.reduce((a, b) => (b.startIndex < a.startIndex ? b : a));
  for (let list: SyntaxNode | null = first.parent; list && list.id !== fn.id; list = list.parent) {
    if (list.type !== 'statement_list') continue;
    if (!calls.every((c) => list!.startIndex <= c.startIndex && c.endIndex <= list!.endIndex)) continue;
    return list.namedChildren.find((s) => s && s.startIndex <= first.startIndex && first.endIndex <= s.endIndex) ?? null;
  }
  return null;
}

function insideLoop(call: SyntaxNode, fn: SyntaxNode): boolean {
  for (let node = call.parent; node && node.id !== fn.id; node = node.parent) if (node.type === 'for_statement') return true;
  return false;
}

/** Every identifier spelled in the function, plus the file's package-level names: a new name must avoid them all. */
function namesIn(file: SourceFile, fn: SyntaxNode): { has(name: string): boolean } {
  const local = new Set<string>();
  walk(fn, (node) => {
    if (node.type === 'identifier') local.add(node.text);
  });
  // Not copied into one set: a file of thousands of functions would copy its package names for every one.
  const global = packageLevelNames(file);
  return { has: (name) => local.has(name) || global.has(name) };
}

const packageNames = new WeakMap<SourceFile, Set<string>>();

/** The names a file declares or spells at package level, read once per file: a file of thousands of functions
 * asks for every one of them. */
function packageLevelNames(file: SourceFile): Set<string> {
  let names = packageNames.get(file);
  if (names) return names;
  names = new Set<string>();
  for (const decl of file.root.namedChildren) {
    if (!decl || FUNCTION_TYPES.includes(decl.type as (typeof FUNCTION_TYPES)[number])) {
      const name = decl?.type === 'function_declaration' ? decl.childForFieldName('name')?.text : undefined;
      if (name) names.add(name);
      continue;
    }
    for (const id of decl.descendantsOfType(['identifier', 'type_identifier'])) if (id && id.parent?.type !== 'qualified_type') names.add(id.text);
  }
  packageNames.set(file, names);
  return names;
}

function fresh(candidates: string[], taken: { has(name: string): boolean }): string | null {
  return candidates.find((c) => !taken.has(c)) ?? null;
}

/**
 * The latest local variable in scope at `node` that holds a context made in the function — from a `context.*`
 * call or a request's `.Context()` — so a fix passes the context the code already derived (often with a deadline)
 * rather than the raw request context.
 */
export function localContextVariable(file: SourceFile, node: SyntaxNode): string | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const body = fn.childForFieldName('body');
    if (!body) continue;
    let found: string | null = null;
    walk(body, (current) => {
      if (current.startIndex >= node.startIndex) return false;
      if (current.type !== 'short_var_declaration' && current.type !== 'var_spec') return true;
      if (current.endIndex > node.startIndex || !inScope(current, node)) return true;
      const names = current.type === 'var_spec' ? fieldChildren(current, 'name') : current.childForFieldName('left')?.namedChildren ?? [];
      const values = (current.type === 'var_spec' ? current.childForFieldName('value') : current.childForFieldName('right'))?.namedChildren ?? [];
      const first = names[0];
      if (first?.type === 'identifier' && first.text !== '_' && values.length === 1 && values[0] && makesContext(file, values[0])) found = first.text;
      return true;
    });
    if (found) return found;
  }
  return null;
}

function makesContext(file: SourceFile, value: SyntaxNode): boolean {
  if (value.type !== 'call_expression') return false;
  const callee = value.childForFieldName('function');
  if (file.isPackageSelector(callee, CONTEXT_PACKAGES)) {
    return /^(Background|TODO|With\w+)$/.test(callee!.childForFieldName('field')!.text);
  }
  return callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Context' && callArgumentCount(value) === 0;
}

function callArgumentCount(call: SyntaxNode): number {
  return call.childForFieldName('arguments')?.namedChildren.filter((n) => n && n.type !== 'comment').length ?? 0;
}
