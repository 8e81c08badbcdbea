/**
 * Calls found from the text instead of a walk of the tree: the places a name is written are found with a regular
 * expression, and only there is the tree asked what the name is. A rule that looks for a few method names (a
 * `QueryRow`, an `Errorf`) then touches a few nodes per file instead of marshalling every call of it out of WASM
 * (an 8,000-line file holds tens of thousands). The answer is the walk's: the same calls, in the same order.
 */
import type { SyntaxNode } from './parser';
import type { SourceFile } from './source';
import { wordPattern, writesAny } from './text-search';

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
