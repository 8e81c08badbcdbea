/**
 * Whole-tree searches by node type, shared by every rule that asks the same question of the same tree.
 *
 * Most files are searched in WASM (`descendantsOfType`), one call per distinct question. Files made mostly of
 * escaped string data (embedded archives, generated tables) are different: their trees hold hundreds of
 * thousands of escape-sequence nodes inside literals, and every WASM search walks them all (~60 ms per search
 * on the 1.4 MB `time/tzdata/zipdata.go`). No rule looks inside a literal, so for such trees one walk that
 * steps over literal interiors collects every type asked so far, and later questions filter its result.
 */
import type { SyntaxNode, Tree } from './parser';

/** Nodes whose children are only the pieces of one literal or comment. */
const OPAQUE_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal', 'rune_literal', 'comment']);
/** Types that live only inside opaque nodes: questions about them take the ordinary search. */
const INNER_TYPES = new Set(['escape_sequence', 'interpreted_string_literal_content', 'raw_string_literal_content']);
/** Below this many nodes a tree is searched the ordinary way whatever it holds. */
const LITERAL_HEAVY_MIN_NODES = 20_000;

/** Every type asked of any literal-heavy tree in this process, so the next tree's walk collects them at once. */
const askedTypes = new Set<string>();

interface Inventory {
  types: Set<string>;
  nodes: SyntaxNode[];
}

/** Per tree: null for ordinary trees, the walk's collection for literal-heavy ones. Trees are never edited once searched. */
const inventories = new WeakMap<Tree, Inventory | null>();
/** Per tree and question, the answer; a new parse is a new tree. */
const answers = new WeakMap<Tree, Map<string, readonly SyntaxNode[]>>();

/** The nodes of the given types in the whole tree, in document order; shared, so callers must not change the array. */
export function searchWholeTree(tree: Tree, types: readonly string[]): readonly SyntaxNode[] {
  const key = types.join(' ');
  let byKey = answers.get(tree);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const found = literalHeavy(tree) && !types.some((t) => INNER_TYPES.has(t)) ? fromInventory(tree, types) : ordinarySearch(tree.rootNode, types);
  if (!byKey) answers.set(tree, (byKey = new Map()));
  byKey.set(key, found);
  return found;
}

function ordinarySearch(root: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  return root.descendantsOfType(types as string[]).filter((node): node is SyntaxNode => node !== null);
}

/**
 * True when escape sequences outnumber the other nodes: the tree is mostly string data. Counting backslashes
 * in the text costs well under a millisecond per megabyte and is done once per tree.
 */
export function literalHeavy(tree: Tree): boolean {
  let inventory = inventories.get(tree);
  if (inventory !== undefined) return inventory !== null;
  const nodeCount = tree.rootNode.descendantCount;
  inventory = null;
  if (nodeCount >= LITERAL_HEAVY_MIN_NODES) {
    const text = tree.rootNode.text;
    let backslashes = 0;
    for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 2)) backslashes++;
    if (backslashes * 2 > nodeCount) inventory = { types: new Set(), nodes: [] };
  }
  inventories.set(tree, inventory);
  return inventory !== null;
}

function fromInventory(tree: Tree, types: readonly string[]): SyntaxNode[] {
  let inventory = inventories.get(tree)!;
  for (const type of types) askedTypes.add(type);
  if (!types.every((t) => inventory.types.has(t))) {
    inventory = { types: new Set(askedTypes), nodes: walkAroundLiterals(tree.rootNode, askedTypes) };
    inventories.set(tree, inventory);
  }
  const wanted = new Set(types);
  return inventory.nodes.filter((node) => wanted.has(node.type));
}

/** A pre-order walk, as `descendantsOfType` does, that never enters an opaque node. */
export function walkAroundLiterals(root: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (types.has(type)) found.push(cursor.currentNode);
      if (!OPAQUE_TYPES.has(type) && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return found;
    }
  } finally {
    cursor.delete();
  }
}
