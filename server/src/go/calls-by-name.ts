/**
 * Calls found from the text instead of a walk of the tree: the places a name is written are found with a regular
 * expression, and only there is the tree asked what the name is. A rule that looks for a few method names (a
 * `QueryRow`, an `Errorf`) then touches a few nodes per file instead of marshalling every call of it out of WASM
 * (an 8,000-line file holds tens of thousands). The answer is the walk's: the same calls, in the same order.
 */
import type { SyntaxNode } from './parser';
import type { SourceFile } from './source';
import { insideSpans, nonCodeSpans } from './string-spans';
import { wordPattern, writesAny } from './text-search';
import type { TypeIndex } from './type-index';

/**
 * The call expressions whose function is `x.Name` (and, with `bare`, a plain `Name`) for one of `names`, within
 * `within` (default: the whole file), in the document order of a tree walk (an outer call before the calls inside it).
 */
export function callsNamed(file: SourceFile, names: Iterable<string>, options: { bare?: boolean; within?: SyntaxNode } = {}): SyntaxNode[] {
  const list = [...names];
  if (!writesAny(file.text, list)) return [];
  const pattern = wordPattern(list, true);
  const start = options.within?.startIndex ?? 0;
  const end = options.within?.endIndex ?? file.text.length;
  const root = file.root;
  const found: SyntaxNode[] = [];
  const seen = new Set<number>();
  pattern.lastIndex = start;
  for (let match = pattern.exec(file.text); match && match.index < end; match = pattern.exec(file.text)) {
    const from = match.index;
    const to = from + match[0].length;
    const name = root.descendantForIndex(from, to);
    if (!name || name.startIndex !== from || name.endIndex !== to) continue;
    const call = callOfName(name, options.bare ?? false);
    if (call && call.startIndex >= start && call.endIndex <= end && !seen.has(call.id)) {
      seen.add(call.id);
      found.push(call);
    }
  }
  // Text order puts `a.Exec(...).Query(...)`'s inner call first; a walk visits the outer one first.
  return found.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/** The call whose function this name is, or null (a name in a comment, a string, a declaration, a value). */
function callOfName(name: SyntaxNode, bare: boolean): SyntaxNode | null {
  let fn: SyntaxNode | null = null;
  if (name.type === 'field_identifier') {
    const selector = name.parent;
    if (selector?.type === 'selector_expression' && selector.childForFieldName('field')?.id === name.id) fn = selector;
  } else if (bare && name.type === 'identifier') fn = name;
  const call = fn?.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === fn!.id ? call : null;
}

/**
 * Whether some call `x.Name(...)` of `names` in the file's code may be one a rule has to ask the resolver about.
 * False only when each such call's `x` is an import name the file never declares again (written only before a
 * dot, or as its import's alias) of a package outside `packages` that declares no variable `Name` (a variable may
 * hold a method value): a package function of another library (`base.Fatalf`, `fmt.Printf`). Read from the text
 * and the declarations, without a parse; anything unusual (a comment inside the call, a chain, a file whose
 * imports are known only from its tree) is a "maybe".
 */
export function mayCallOnValues(file: SourceFile, names: readonly string[], packages: readonly string[], index: TypeIndex): boolean {
  if (!writesAny(file.text, names)) return false;
  if (!file.importsFromText) return true;
  const text = file.text;
  const spans = nonCodeSpans(text);
  if (!spans) return true;
  const inNonCode = (at: number) => insideSpans(spans, at);
  const cleared = new Map<string, boolean>();
  const pattern = wordPattern(names, true);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const from = match.index;
    if (inNonCode(from)) continue;
    const dot = skipSpaceBack(text, from - 1);
    if (dot < 0 || inNonCode(dot)) return true;
    // Not after a dot: no selector, so no call these rules look at.
    if (text[dot] !== '.') continue;
    const after = skipSpaceForward(text, from + match[0].length);
    if (after < text.length && inNonCode(after)) return true;
    if (text[after] === '[') return true;
    if (text[after] !== '(') continue;
    const end = skipSpaceBack(text, dot - 1);
    if (end < 0 || inNonCode(end) || !isIdentifierChar(text.charCodeAt(end))) return true;
    let start = end;
    while (start > 0 && isIdentifierChar(text.charCodeAt(start - 1))) start--;
    const before = skipSpaceBack(text, start - 1);
    if (before >= 0 && (text[before] === '.' || inNonCode(before))) return true;
    const receiver = text.slice(start, end + 1);
    const importPath = file.importPathOf(receiver);
    if (!importPath || packages.includes(importPath) || index.lookupValue(importPath, match[0]) !== undefined) return true;
    let clear = cleared.get(receiver);
    if (clear === undefined) cleared.set(receiver, (clear = usedOnlyAsPackage(text, receiver, inNonCode)));
    if (!clear) return true;
  }
  return false;
}

/** Whether every code use of `name` is `name.` or its import alias (`name "path"`): never a local of that name. */
function usedOnlyAsPackage(text: string, name: string, inNonCode: (at: number) => boolean): boolean {
  // An identifier needs no escaping in a pattern.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, 'gu');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (inNonCode(match.index)) continue;
    const before = skipSpaceBack(text, match.index - 1);
    // A field or method of that name (`s.base`) is no declaration of it.
    if (before >= 0 && text[before] === '.') continue;
    const after = skipSpaceForward(text, match.index + name.length);
    if (text[after] === '.' || text[after] === '"' || text[after] === '`') continue;
    return false;
  }
  return true;
}

function skipSpaceBack(text: string, at: number): number {
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at--;
  return at;
}

function skipSpaceForward(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  return at;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}
