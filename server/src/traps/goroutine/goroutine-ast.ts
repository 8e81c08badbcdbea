/** Syntax questions the goroutine rules share: what a `go` statement starts, how a loop runs, what ends a goroutine. */
import type { SyntaxNode } from '../../go/parser';
import { fieldChildren } from '../../go/syntax';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import { isNamed, named } from '../../go/types';

/** Text that may hold a `go` statement (`go func(`, `go worker(`, `go s.run(`); the word alone is in most comments. */
export const GO_STATEMENT = /\bgo\s+(func\s*\(|[\w.]+\s*[(\[])/;

/** The call a `go` statement starts. */
export function goCall(goStatement: SyntaxNode): SyntaxNode | null {
  const call = goStatement.namedChildren.find((n) => n?.type === 'call_expression');
  return call ?? null;
}

/**
 * The key other files use for a function or method of the workspace: `"pkg".name` for a function,
 * `"pkg".Type.name` for a method. From a `go` statement's call it is the callee the resolver finds (through
 * method values and embedding); from a declaration it is the declaring package and receiver type.
 */
export function calleeKey(types: Resolver, call: SyntaxNode): string | null {
  const callee = types.calleeOf(call);
  if (!callee) return null;
  if (callee.kind === 'func') return callee.pkg ? named(callee.pkg, callee.name) : null;
  return `${callee.receiver}.${callee.name}`;
}

/** The key of a function or method declaration (see `calleeKey`), or null for a closure or a generic receiver. */
export function declarationKey(types: Resolver, fn: SyntaxNode): string | null {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return null;
  if (fn.type === 'function_declaration') return named(types.ownPackage, name);
  if (fn.type !== 'method_declaration') return null;
  const receiver = fn.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  const type = types.typeOfTypeNode(receiver?.childForFieldName('type'));
  if (!type) return null;
  const base = type.startsWith('*') ? type.slice(1) : type;
  return base.startsWith('"') ? `${base}.${name}` : null;
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
    return fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Done';
  }
  if (tail.type === 'selector_expression') tail = tail.childForFieldName('field') ?? tail;
  return (tail.type === 'identifier' || tail.type === 'field_identifier') && QUIT_NAME.test(tail.text);
}

/** How a loop runs forever, or null when its header can end it. */
export type EndlessKind = 'forever' | 'ticker';

/**
 * `for {}` and `for ;; {}` run until something inside leaves; `for range ticker.C` (a `*time.Ticker` or
 * `*time.Timer`) and `for range time.Tick(d)` too, because their channels are never closed.
 */
export function endlessKind(types: Resolver, loop: SyntaxNode): EndlessKind | null {
  const clause = loopClause(loop);
  if (!clause) return 'forever';
  if (clause.type === 'for_clause' && !clause.childForFieldName('condition')) return 'forever';
  if (clause.type !== 'range_clause') return null;
  return isTimerChannel(types, clause.childForFieldName('right')) ? 'ticker' : null;
}

/** A loop's header (range clause, for clause or condition), or null for `for {}`. */
export function loopClause(loop: SyntaxNode): SyntaxNode | null {
  let clause = loop.firstNamedChild;
  while (clause?.type === 'comment') clause = clause.nextNamedSibling;
  return !clause || clause.type === 'block' ? null : clause;
}

/** `t.C` of a `*time.Ticker` or `*time.Timer`, `time.Tick(d)`, `time.After(d)`: channels that tick, never close. */
export function isTimerChannel(types: Resolver, expr: SyntaxNode | null | undefined): boolean {
  if (!expr) return false;
  if (expr.type === 'selector_expression' && expr.childForFieldName('field')?.text === 'C') {
    const owner = types.typeOf(expr.childForFieldName('operand'));
    return isNamed(owner, 'time', 'Ticker') || isNamed(owner, 'time', 'Timer');
  }
  if (expr.type !== 'call_expression') return false;
  const callee = types.calleeOf(expr);
  return callee?.kind === 'func' && callee.pkg === 'time' && (callee.name === 'Tick' || callee.name === 'After');
}

/** True when the line holding `node` has nothing but whitespace before it (so a fix can rewrite whole lines). */
export function startsLine(file: SourceFile, node: SyntaxNode): boolean {
  return file.lineText(node.startPosition.row).slice(0, node.startPosition.column).trim() === '';
}

/** The file's name for an import path, or the default name when the file does not import it yet. */
export function packageName(file: SourceFile, importPath: string, fallback: string): string {
  return file.localNameOf(importPath) ?? fallback;
}
/** A parameter (or receiver) with its type node; `index` counts the names of the parameter list, receiver apart. */
export interface TypedParam {
  name: string;
  type: SyntaxNode | null;
  index: number;
  receiver: boolean;
  variadic: boolean;
}

/** The receiver and parameters of a function, read from its own children (never by walking up the tree). */
export function typedParams(fn: SyntaxNode): TypedParam[] {
  const params: TypedParam[] = [];
  for (const field of ['receiver', 'parameters'] as const) {
    let index = 0;
    for (const decl of fn.childForFieldName(field)?.namedChildren ?? []) {
      if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
      const type = decl.childForFieldName('type');
      const variadic = decl.type === 'variadic_parameter_declaration';
      const names = fieldChildren(decl, 'name');
      if (names.length === 0) params.push({ name: '', type, index: index++, receiver: field === 'receiver', variadic });
      for (const name of names) params.push({ name: name.text, type, index: index++, receiver: field === 'receiver', variadic });
    }
  }
  return params;
}
