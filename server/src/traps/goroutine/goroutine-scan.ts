/**
 * One search of a file's tree for every node the goroutine rules ask about, nested by position. Each node learns
 * its innermost function, loop, breakable statement and `go` statement from its parent in one pass, so questions
 * such as "which loop holds this return?" cost O(1) however deep the code is nested. Walking up with
 * `node.parent` instead costs the depth of the tree per step in tree-sitter, which made a thousand nested
 * goroutines take minutes.
 */
import { searchingFor } from '../../go/node-search';
import { firstFrom } from '../../go/sorted';
import { findAll } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';

export const FUNCTION_NODE_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const BREAKABLE_TYPES = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

const SCAN_TYPES = [
  'function_declaration', 'method_declaration', 'func_literal', 'for_statement', 'go_statement', 'select_statement',
  'expression_switch_statement', 'type_switch_statement', 'labeled_statement', 'communication_case', 'return_statement',
  'goto_statement', 'break_statement', 'continue_statement', 'call_expression', 'unary_expression', 'send_statement',
  'defer_statement', 'expression_statement', 'short_var_declaration', 'assignment_statement', 'inc_statement', 'dec_statement',
  'var_spec', 'keyed_element', 'composite_literal', 'receive_statement', 'range_clause',
];

const SCAN_ASKER = {};

/** The nodes of a file the goroutine rules look at, in document order, each with its nearest containers. */
export class GoroutineScan {
  readonly nodes: SyntaxNode[];
  readonly types: string[];
  readonly starts: number[];
  readonly ends: number[];
  /** Nearest scanned ancestor, -1 at the top. */
  readonly parent: Int32Array;
  /** Innermost function (declaration or literal) holding the node, -1 for none. */
  readonly fn: Int32Array;
  /** Innermost `for` holding the node in the same function, -1 for none. */
  readonly loop: Int32Array;
  /** Innermost `for`, switch or select holding the node in the same function: what a plain `break` leaves. */
  readonly breakable: Int32Array;
  /** Innermost select case holding the node in the same function. */
  readonly commCase: Int32Array;
  /** Innermost `go` statement holding the node, across functions. */
  readonly goStatement: Int32Array;
  /** The outermost function holding the node (itself for a top-level function). */
  readonly top: Int32Array;
  private readonly byId = new Map<number, number>();
  private readonly byType = new Map<string, number[]>();

  constructor(readonly file: SourceFile) {
    // Asked on the scan's own account: the engine's shared search would otherwise collect these types for every
    // tree it sees, while most files never need a scan.
    this.nodes = searchingFor(SCAN_ASKER, () => findAll(file.root, SCAN_TYPES));
    const count = this.nodes.length;
    this.types = this.nodes.map((n) => n.type);
    this.starts = this.nodes.map((n) => n.startIndex);
    this.ends = this.nodes.map((n) => n.endIndex);
    this.parent = new Int32Array(count);
    this.fn = new Int32Array(count);
    this.loop = new Int32Array(count);
    this.breakable = new Int32Array(count);
    this.commCase = new Int32Array(count);
    this.goStatement = new Int32Array(count);
    this.top = new Int32Array(count);
    const stack: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = this.starts[i];
      while (stack.length > 0 && this.ends[stack[stack.length - 1]] <= start) stack.pop();
      const p = stack.length > 0 ? stack[stack.length - 1] : -1;
      this.parent[i] = p;
      this.link(i, p);
      this.byId.set(this.nodes[i].id, i);
      const type = this.types[i];
      let list = this.byType.get(type);
      if (!list) this.byType.set(type, (list = []));
      list.push(i);
      if (this.ends[i] > start) stack.push(i);
    }
  }

  private link(i: number, p: number): void {
    if (p < 0) {
      this.fn[i] = this.loop[i] = this.breakable[i] = this.commCase[i] = this.goStatement[i] = -1;
      this.top[i] = FUNCTION_NODE_TYPES.has(this.types[i]) ? i : -1;
      return;
    }
    const parentType = this.types[p];
    const parentIsFunction = FUNCTION_NODE_TYPES.has(parentType);
    this.fn[i] = parentIsFunction ? p : this.fn[p];
    this.loop[i] = parentType === 'for_statement' ? p : parentIsFunction ? -1 : this.loop[p];
    this.breakable[i] = BREAKABLE_TYPES.has(parentType) ? p : parentIsFunction ? -1 : this.breakable[p];
    this.commCase[i] = parentType === 'communication_case' ? p : parentIsFunction ? -1 : this.commCase[p];
    this.goStatement[i] = parentType === 'go_statement' ? p : this.goStatement[p];
    this.top[i] = this.top[p] >= 0 ? this.top[p] : FUNCTION_NODE_TYPES.has(this.types[i]) ? i : -1;
  }

  /** The scan index of a node, or -1 when it is not one of the scanned types. */
  indexOf(node: SyntaxNode | null | undefined): number {
    return node ? this.byId.get(node.id) ?? -1 : -1;
  }

  /** Indexes of the scanned nodes of one type, in document order. */
  ofType(type: string): readonly number[] {
    return this.byType.get(type) ?? [];
  }

  /** True when node `outer` holds node `inner` (or is it). */
  holds(outer: number, inner: number): boolean {
    return this.starts[inner] >= this.starts[outer] && this.ends[inner] <= this.ends[outer];
  }

  /** The functions holding node `i`, innermost first. */
  *enclosingFunctions(i: number): Iterable<number> {
    for (let f = this.fn[i]; f >= 0; f = this.fn[f]) yield f;
  }

  /** The first index of a node of `type` starting at or after `offset` (binary search). */
  firstOfTypeFrom(type: string, offset: number): number {
    const list = this.ofType(type);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[list[mid]] < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The scanned nodes of `type` inside [start, end), in document order. */
  ofTypeWithin(type: string, start: number, end: number): number[] {
    const list = this.ofType(type);
    const found: number[] = [];
    for (let k = this.firstOfTypeFrom(type, start); k < list.length && this.starts[list[k]] < end; k++) {
      if (this.ends[list[k]] <= end) found.push(list[k]);
    }
    return found;
  }
}

/** Where each identifier of a file stands, by name: "does this range mention one of these names?" in O(log n). */
export class IdentifierIndex {
  private readonly byName = new Map<string, SyntaxNode[]>();

  constructor(file: SourceFile) {
    for (const id of findAll(file.root, 'identifier')) {
      const name = id.text;
      const list = this.byName.get(name);
      if (list) list.push(id);
      else this.byName.set(name, [id]);
    }
  }

  /** True when one of `names` occurs as an identifier inside [start, end). */
  mentions(names: Iterable<string>, start: number, end: number): boolean {
    for (const name of names) {
      const list = this.byName.get(name);
      if (!list) continue;
      const first = firstFrom(list, (id) => id.startIndex, start);
      if (first < list.length && list[first].startIndex < end) return true;
    }
    return false;
  }

  /** The identifiers named `name` inside [start, end), in document order. */
  nodesWithin(name: string, start: number, end: number): SyntaxNode[] {
    const list = this.byName.get(name) ?? [];
    const found: SyntaxNode[] = [];
    for (let k = firstFrom(list, (id) => id.startIndex, start); k < list.length && list[k].startIndex < end; k++) found.push(list[k]);
    return found;
  }
}

export { firstFrom };

/** True when a sorted list of offsets has one inside [start, end). */
export function anyWithin(offsets: readonly number[], start: number, end: number): boolean {
  const first = firstFrom(offsets, (o) => o, start);
  return first < offsets.length && offsets[first] < end;
}

const identifierIndexes = new WeakMap<SourceFile, IdentifierIndex>();

export function identifierIndexOf(file: SourceFile): IdentifierIndex {
  let index = identifierIndexes.get(file);
  if (!index) identifierIndexes.set(file, (index = new IdentifierIndex(file)));
  return index;
}

const scans = new WeakMap<SourceFile, GoroutineScan>();

/** The file's scan, built once per parsed file and shared by the goroutine rules. */
export function scanOf(file: SourceFile): GoroutineScan {
  let scan = scans.get(file);
  if (!scan) scans.set(file, (scan = new GoroutineScan(file)));
  return scan;
}
