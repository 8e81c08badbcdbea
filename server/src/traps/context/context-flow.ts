/**
 * Derived contexts and their cancel functions: where `ctx, cancel := context.WithTimeout(...)` and its kin
 * are declared, and whether `cancel` is used on every path to the function's exits.
 *
 * API (shared read-only with the goroutine rules):
 * - `derivedContexts(file, root)` finds every `WithCancel/WithTimeout/WithDeadline(+Cause)` bound to names;
 * - `unusedCancelExits(d)` lists the exits reachable without using `cancel` (empty = used on every path);
 * - `cancelDeferred(d)` says whether a `defer` after the derivation calls it (so it runs at every return).
 *
 * "Used" means any mention of the cancel variable, not only a call: returning it, storing it, passing it on or
 * capturing it in a closure hands the duty to someone else, and we prefer silence over guessing who.
 */
import { fieldChildren } from '../../go/syntax';
import { CONTEXT_PACKAGES, FUNCTION_TYPES } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { mentionsAnySelector } from '../../go/text-search';
import { callsNamed } from '../../go/calls-by-name';

/** The `context` functions that return a cancel function, and its type. */
export const CANCEL_FUNC_TYPES: Record<string, string> = {
  WithCancel: 'CancelFunc',
  WithTimeout: 'CancelFunc',
  WithDeadline: 'CancelFunc',
  WithCancelCause: 'CancelCauseFunc',
  WithTimeoutCause: 'CancelFunc',
  WithDeadlineCause: 'CancelFunc',
};
const CANCEL_FUNCS = Object.keys(CANCEL_FUNC_TYPES);

/** One `ctx, cancel := context.WithX(...)` (or `=`, or `var`) bound to names. */
export interface DerivedContext {
  call: SyntaxNode;
  /** `WithTimeout`, `WithCancel`, ... */
  constructor: string;
  /** The statement holding the call: a short var declaration, an assignment or a var declaration. */
  statement: SyntaxNode;
  /** True for `:=` and `var`, false for `=`. */
  declares: boolean;
  /** The left-hand node receiving the context (`ctx`, `_`, `s.ctx`). */
  ctxTarget: SyntaxNode;
  /** The left-hand node receiving the cancel function (`cancel`, `_`, `s.cancel`). */
  cancelTarget: SyntaxNode;
  /** The innermost function or closure around the statement. */
  fn: SyntaxNode;
}

/**
 * Every derivation of a cancellable context below `root` whose results are bound by an assignment. The call is
 * known by what it resolves to, so an aliased `context` import counts and a local named `context` does not.
 */
export function derivedContexts(types: Resolver, root?: SyntaxNode): DerivedContext[] {
  const found: DerivedContext[] = [];
  const file = types.file;
  if (!CONTEXT_PACKAGES.some((path) => file.localNameOf(path)) || !mentionsAnySelector(file.text, CANCEL_FUNCS)) return found;
  for (const call of callsNamed(file, CANCEL_FUNCS, { within: root })) {
    const name = call.childForFieldName('function')?.childForFieldName('field')?.text ?? '';
    if (!(name in CANCEL_FUNC_TYPES)) continue;
    const callee = types.calleeOf(call);
    if (callee?.kind !== 'func' || !CONTEXT_PACKAGES.includes(callee.pkg)) continue;
    const list = call.parent;
    if (list?.type !== 'expression_list' || list.namedChildCount !== 1) continue;
    const holder = list.parent;
    let targets: SyntaxNode[] = [];
    let statement: SyntaxNode | null = null;
    let declares = true;
    if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
      targets = (holder.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
      statement = holder;
      declares = holder.type === 'short_var_declaration';
    } else if (holder?.type === 'var_spec' && holder.parent?.type === 'var_declaration') {
      targets = fieldChildren(holder, 'name').filter((n): n is SyntaxNode => !!n);
      statement = holder.parent;
    }
    const fn = ancestorFunction(call);
    if (!statement || !fn || targets.length !== 2) continue;
    found.push({ call, constructor: name, statement, declares, ctxTarget: targets[0], cancelTarget: targets[1], fn });
  }
  return found;
}

/**
 * The exits a path from the derivation can reach without using `cancel`: `return` statements, the closing
 * brace of the function, or the end of a loop body (the next iteration or the loop's exit drops the value).
 * Empty when `cancel` is used on every path, and also when the shape is beyond this analysis (the cancel
 * target is not a plain local variable, the statement is a loop or `if` header): silence over guessing.
 */
export function unusedCancelExits(d: DerivedContext): SyntaxNode[] {
  const name = d.cancelTarget.text;
  if (d.cancelTarget.type !== 'identifier' || name === '_') return [];
  if (d.statement.parent?.type !== 'statement_list') return [];
  // `cancel = ...` on a variable of an outer function: whoever declared it owns the call.
  if (!d.declares && !declaredIn(d.fn, name, d.statement)) return [];
  const flow = new CancelFlow(name, namedResults(d.fn).includes(name));
  return flow.exitsAfter(d.statement, d.fn, d.declares);
}

/** True when a `defer` statement after the derivation, in the same function, uses `cancel`. */
export function cancelDeferred(d: DerivedContext): boolean {
  const name = d.cancelTarget.text;
  if (d.cancelTarget.type !== 'identifier' || name === '_') return false;
  return d.fn.descendantsOfType('defer_statement').some(
    (s) => !!s && s.startIndex > d.statement.endIndex && ancestorFunction(s)?.id === d.fn.id && mentions(s, name),
  );
}

/** True when an identifier named `name` occurs in `node` (field names of selectors are not identifiers). */
export function mentions(node: SyntaxNode, name: string): boolean {
  if (node.type === 'identifier') return node.text === name;
  return node.descendantsOfType('identifier').some((id) => id?.text === name);
}

function ancestorFunction(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return current;
  }
  return null;
}

function namedResults(fn: SyntaxNode): string[] {
  const result = fn.childForFieldName('result');
  if (result?.type !== 'parameter_list') return [];
  return result.namedChildren.flatMap((d) => (d ? fieldChildren(d, 'name').map((n) => n?.text ?? '') : []));
}

/** `name` is a parameter, named result or local of `fn` declared before `before` (not in a nested closure). */
function declaredIn(fn: SyntaxNode, name: string, before: SyntaxNode): boolean {
  for (const field of ['receiver', 'parameters', 'result']) {
    if (fn.childForFieldName(field)?.descendantsOfType('identifier').some((n) => n?.text === name)) return true;
  }
  for (const decl of fn.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    if (!decl || decl.startIndex >= before.startIndex || ancestorFunction(decl)?.id !== fn.id) continue;
    const names = decl.type === 'var_spec' ? fieldChildren(decl, 'name') : decl.childForFieldName('left')?.namedChildren ?? [];
    if (names.some((n) => n?.text === name)) return true;
  }
  return false;
}

/** Calls after which control never comes back: the path ends without leaking anything. */
const NO_RETURN = /^(panic|os\.Exit|runtime\.Goexit)$|\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|FailNow|SkipNow|Skip|Skipf)$/;

/** What running a statement with `cancel` still unused can lead to. */
interface Flow {
  /** Control may reach the next statement with `cancel` unused. */
  falls: boolean;
  /** Exits reached with `cancel` unused. */
  leaks: SyntaxNode[];
  /** `break`/`continue` statements reached with `cancel` unused that no statement walked so far resolved. */
  jumps: SyntaxNode[];
}

const USED: Flow = { falls: false, leaks: [], jumps: [] };

const CASES = ['expression_case', 'type_case', 'default_case', 'communication_case'];

/** A structured walk over Go statements that tracks whether one variable has been used yet. */
class CancelFlow {
  constructor(
    private readonly name: string,
    private readonly isNamedResult: boolean,
  ) {}

  /**
   * The unused exits reachable from right after `statement`. A variable declared there (`:=`, `var`) dies at the
   * end of its block, so leaving the block unused is the leak; an assigned one (`=`) lives on, so the walk
   * climbs out of the blocks that hold the statement and follows the code after them.
   */
  exitsAfter(statement: SyntaxNode, fn: SyntaxNode, declares: boolean): SyntaxNode[] {
    let flow = this.sequence(followingStatements(statement));
    const leaks: SyntaxNode[] = [...flow.leaks];
    if (declares) {
      const list = statement.parent!;
      const scope = list.parent!;
      // A `break`/`continue` that leaves the block leaves the variable's scope too.
      leaks.push(...flow.jumps);
      // Falling off the end of a function with results cannot happen in valid Go; only report void ones.
      if (flow.falls && !(scope.parent?.id === fn.id && fn.childForFieldName('result'))) {
        leaks.push(scope.type === 'block' ? lastChild(scope) : lastChild(list));
      }
      return leaks;
    }
    let node = statement;
    for (;;) {
      const holder = node.parent!.parent!;
      if (holder.type === 'block') {
        const owner = holder.parent!;
        if (owner.id === fn.id) {
          if (flow.falls && !fn.childForFieldName('result')) leaks.push(lastChild(holder));
          return leaks;
        }
        if (owner.type === 'for_statement') {
          // Looping back may reach a use at the top of the body: only the exits of the loop are followed.
          const label = labelOf(owner);
          const looped = flow.falls || reaches(flow.jumps, 'continue_statement', label);
          const bounded = owner.namedChildren.some((c) => c && c.id !== holder.id);
          const exits = reaches(flow.jumps, 'break_statement', label) || (looped && bounded);
          flow = this.after(owner, { falls: exits, jumps: unresolved(flow.jumps, ['break_statement', 'continue_statement'], label) });
        } else if (owner.type === 'if_statement') {
          flow = this.after(outermostIf(owner), flow);
        } else if (owner.type === 'statement_list') {
          flow = this.after(holder, flow);
        } else {
          return leaks;
        }
      } else if (CASES.includes(holder.type)) {
        const switchNode = holder.parent!;
        const label = labelOf(switchNode);
        flow = this.after(switchNode, { falls: flow.falls || reaches(flow.jumps, 'break_statement', label), jumps: unresolved(flow.jumps, ['break_statement'], label) });
      } else {
        return leaks;
      }
      leaks.push(...flow.leaks);
      node = climbTarget(holder);
    }
  }

  /** Continues a partial flow with the statements that follow `node` in its list. */
  private after(node: SyntaxNode, flow: Pick<Flow, 'falls' | 'jumps'>): Flow {
    const rest = flow.falls ? this.sequence(followingStatements(statementOf(node))) : USED;
    return {
      falls: flow.falls && rest.falls,
      leaks: rest.leaks,
      jumps: [...flow.jumps, ...rest.jumps],
    };
  }

  private sequence(statements: SyntaxNode[]): Flow {
    const result: Flow = { falls: true, leaks: [], jumps: [] };
    for (const statement of statements) {
      const flow = this.statement(statement);
      result.leaks.push(...flow.leaks);
      result.jumps.push(...flow.jumps);
      if (!flow.falls) {
        result.falls = false;
        break;
      }
    }
    return result;
  }

  private statement(node: SyntaxNode, label = ''): Flow {
    const open = (): Flow => ({ falls: true, leaks: [], jumps: [] });
    switch (node.type) {
      case 'block':
        return this.sequence(blockStatements(node));
      case 'labeled_statement': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'label_name');
        return inner ? this.statement(inner, node.childForFieldName('label')?.text ?? '') : open();
      }
      case 'if_statement': {
        if (this.usedIn(node.childForFieldName('initializer')) || this.usedIn(node.childForFieldName('condition'))) return USED;
        const consequence = this.statement(node.childForFieldName('consequence')!);
        const alternative = node.childForFieldName('alternative');
        const other = alternative ? this.statement(alternative) : open();
        return merge(consequence, other, consequence.falls || other.falls);
      }
      case 'for_statement': {
        const body = node.childForFieldName('body');
        const header = node.namedChildren.filter((c) => c && c.id !== body?.id);
        if (header.some((h) => this.usedIn(h))) return USED;
        const flow = body ? this.statement(body) : open();
        const bounded = header.length > 0; // a condition or a range ends the loop on its own
        return {
          falls: bounded || reaches(flow.jumps, 'break_statement', label),
          leaks: flow.leaks,
          jumps: unresolved(flow.jumps, ['break_statement', 'continue_statement'], label),
        };
      }
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement': {
        const cases = node.namedChildren.filter((c): c is SyntaxNode => !!c && CASES.includes(c.type));
        const header = node.namedChildren.filter((c) => c && !CASES.includes(c.type));
        if (header.some((h) => this.usedIn(h))) return USED;
        let result: Flow = { falls: node.type !== 'select_statement' && !cases.some((c) => c.type === 'default_case'), leaks: [], jumps: [] };
        for (const c of cases) {
          if (c.type === 'communication_case' && this.usedIn(c.childForFieldName('communication'))) continue;
          const flow = this.sequence(caseStatements(c));
          result = merge(result, flow, result.falls || flow.falls || reaches(flow.jumps, 'break_statement', label));
        }
        return { ...result, jumps: unresolved(result.jumps, ['break_statement'], label) };
      }
      case 'return_statement':
        if (this.usedIn(node) || (this.isNamedResult && node.namedChildCount === 0)) return USED;
        return { falls: false, leaks: [node], jumps: [] };
      case 'break_statement':
      case 'continue_statement':
        return { falls: false, leaks: [], jumps: [node] };
      case 'goto_statement':
      case 'fallthrough_statement':
        return { falls: false, leaks: [], jumps: [] };
      case 'empty_statement':
        return open();
      default: {
        if (this.usedIn(node)) return USED;
        const call = node.type === 'expression_statement' ? node.namedChild(0) : null;
        if (call?.type === 'call_expression' && NO_RETURN.test(call.childForFieldName('function')?.text ?? '')) {
          return { falls: false, leaks: [], jumps: [] };
        }
        return open();
      }
    }
  }

  private usedIn(node: SyntaxNode | null | undefined): boolean {
    return !!node && mentions(node, this.name);
  }
}

function merge(a: Flow, b: Flow, falls: boolean): Flow {
  return { falls, leaks: [...a.leaks, ...b.leaks], jumps: [...a.jumps, ...b.jumps] };
}

/** The label a `break`/`continue` names, '' when it targets the innermost statement. */
function jumpLabel(jump: SyntaxNode): string {
  return jump.namedChild(0)?.text ?? '';
}

/** True when one of `jumps` of this kind reaches a statement labeled `label` ('' = unlabeled statement). */
function reaches(jumps: SyntaxNode[], kind: string, label: string): boolean {
  return jumps.some((j) => j.type === kind && (jumpLabel(j) === '' || (label !== '' && jumpLabel(j) === label)));
}

/** The jumps a statement labeled `label` does not resolve. */
function unresolved(jumps: SyntaxNode[], kinds: string[], label: string): SyntaxNode[] {
  return jumps.filter((j) => !(kinds.includes(j.type) && (jumpLabel(j) === '' || (label !== '' && jumpLabel(j) === label))));
}

function labelOf(statement: SyntaxNode): string {
  const parent = statement.parent;
  return parent?.type === 'labeled_statement' ? parent.childForFieldName('label')?.text ?? '' : '';
}

/** A labeled loop or switch sits in its list through the labeled statement. */
function statementOf(node: SyntaxNode): SyntaxNode {
  return node.parent?.type === 'labeled_statement' ? node.parent : node;
}

/** The statement the walk continues after once it leaves `holder` (a block or a case clause). */
function climbTarget(holder: SyntaxNode): SyntaxNode {
  if (holder.type === 'block') {
    const owner = holder.parent!;
    if (owner.type === 'if_statement') return outermostIf(owner);
    if (owner.type === 'statement_list') return holder;
    return statementOf(owner);
  }
  return statementOf(holder.parent!);
}

/** `else if` chains nest if statements; control continues after the outermost one. */
function outermostIf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent?.type === 'if_statement') current = current.parent;
  return current;
}

function followingStatements(node: SyntaxNode): SyntaxNode[] {
  const list = node.parent;
  if (list?.type !== 'statement_list') return [];
  return list.namedChildren.filter((c): c is SyntaxNode => !!c && c.startIndex > node.startIndex && c.type !== 'comment');
}

function blockStatements(block: SyntaxNode): SyntaxNode[] {
  const list = block.namedChildren.find((c) => c?.type === 'statement_list');
  return list ? list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [];
}

function caseStatements(clause: SyntaxNode): SyntaxNode[] {
  const list = clause.namedChildren.find((c) => c?.type === 'statement_list');
  return list ? list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [];
}

function lastChild(node: SyntaxNode): SyntaxNode {
  return node.child(node.childCount - 1) ?? node;
}
