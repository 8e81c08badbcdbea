/** Zero values and result lists: what a fix needs to write a correct `return` in the enclosing function. */
import { fieldChildren } from './syntax';
import type { SyntaxNode } from './parser';

/** The source text of each result type of a function, e.g. ['*sql.DB', 'error']. */
export function resultTypes(fn: SyntaxNode): string[] {
  const result = fn.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result.text];
  const types: string[] = [];
  for (const decl of result.namedChildren) {
    if (decl?.type !== 'parameter_declaration') continue;
    const type = decl.childForFieldName('type')?.text ?? '';
    const names = fieldChildren(decl, 'name').length;
    for (let i = 0; i < Math.max(1, names); i++) types.push(type);
  }
  return types;
}

/** True when the function's results are named, so a bare `return` is legal. */
export function hasNamedResults(fn: SyntaxNode): boolean {
  const result = fn.childForFieldName('result');
  return !!result && result.type === 'parameter_list' && result.namedChildren.some((d) => d?.childForFieldName('name'));
}

const NUMERIC = /^(u?int(8|16|32|64)?|uintptr|float(32|64)|complex(64|128)|byte|rune)$/;

/**
 * A Go zero value for a type written in source. Named types we cannot see are assumed to be structs
 * (`T{}`), which is right for the common case and still valid syntax otherwise.
 */
export function zeroValue(type: string): string {
  const t = type.trim();
  if (t === 'string') return '""';
  if (t === 'bool') return 'false';
  if (NUMERIC.test(t)) return '0';
  if (/^(\*|\[\]|map\[|chan\b|<-chan|func\b|interface\s*\{)/.test(t) || t === 'error' || t === 'any') return 'nil';
  if (/^\[\d+\]/.test(t)) return `${t}{}`;
  return `${t}{}`;
}

/**
 * The statement that hands an error back from `fn`: `return zero..., err` when the last result is an error,
 * or null when the function cannot return one.
 */
export function returnErrorStatement(fn: SyntaxNode, errName: string): string | null {
  const types = resultTypes(fn);
  if (types.length === 0 || types[types.length - 1] !== 'error') return null;
  const values = types.slice(0, -1).map(zeroValue);
  return `return ${[...values, errName].join(', ')}`;
}
