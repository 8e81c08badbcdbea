/**
 * Whole-tree searches by node type, shared by every rule and fact collector that asks the same tree.
 *
 * Each search walks the whole tree in WASM whatever it looks for (~20 ms on an 8,000-line file), and a full
 * analysis asks a dozen different questions. So the first question about a tree collects, in one walk, every
 * type the same asker (an engine) asked of earlier trees, and later questions filter that collection. Types that
 * would swamp the collection (identifiers) are searched alone.
 *
 * Files made mostly of escaped string data (embedded archives) hold hundreds of thousands of escape-sequence
 * nodes inside literals, which a WASM search visits one by one (~60 ms on the 1.4 MB `time/tzdata/zipdata.go`).
 * No rule looks inside a literal, so for such trees the collecting walk steps over literal interiors.
 */
import type { SyntaxNode, Tree } from './parser';

/** Nodes whose children are only the pieces of one literal or comment. */
const OPAQUE_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal', 'rune_literal', 'comment']);
/** Types that live only inside opaque nodes. */
const INNER_TYPES = new Set(['escape_sequence', 'interpreted_string_literal_content', 'raw_string_literal_content']);
/** Types too numerous to collect for every question, and the inner types: searched alone when asked. */
const SOLO_TYPES = new Set(['identifier', 'field_identifier', 'type_identifier', 'package_identifier', ...INNER_TYPES]);
/** Below this many nodes a tree is never treated as literal-heavy. */
const LITERAL_HEAVY_MIN_NODES = 20_000;

/**
 * Every collectable type asked so far, per asker (an engine: the language server's keystroke engine runs the
 * file rules only and must not pay for what full analyses ask). The next tree's walk collects them at once.
 */
const askedTypesBy = new WeakMap<object, Set<string>>();
const anyAsker = {};
let currentAsker: object = anyAsker;

/** Runs `analysis` with its whole-tree searches learnt and collected on behalf of `asker`. */
export function searchingFor<T>(asker: object, analysis: () => T): T {
  const previous = currentAsker;
  currentAsker = asker;
  try {
    return analysis();
  } finally {
    currentAsker = previous;
  }
}

interface Collection {
  types: ReadonlySet<string>;
  nodes: SyntaxNode[];
  /** `nodes[i].type`, read once: each read is a call into WASM. */
  nodeTypes: string[];
}

const collections = new WeakMap<Tree, Collection>();
const heavyTrees = new WeakMap<Tree, boolean>();
/** Per tree and question, the answer. Trees are never edited once searched; a new parse is a new tree. */
const answers = new WeakMap<Tree, Map<string, readonly SyntaxNode[]>>();

/** The nodes of the given types in the whole tree, in document order; shared, so callers must not change the array. */
export function searchWholeTree(tree: Tree, types: readonly string[]): readonly SyntaxNode[] {
  const key = types.join(' ');
  let byKey = answers.get(tree);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const found = types.some((t) => SOLO_TYPES.has(t)) ? searchAlone(tree, types) : fromCollection(tree, types);
  if (!byKey) answers.set(tree, (byKey = new Map()));
  byKey.set(key, found);
  return found;
}

function searchAlone(tree: Tree, types: readonly string[]): SyntaxNode[] {
  if (literalHeavy(tree) && !types.some((t) => INNER_TYPES.has(t))) return walkAroundLiterals(tree.rootNode, new Set(types)).nodes;
  return tree.rootNode.descendantsOfType(types as string[]).filter((node): node is SyntaxNode => node !== null);
}

function fromCollection(tree: Tree, types: readonly string[]): SyntaxNode[] {
  let askedTypes = askedTypesBy.get(currentAsker);
  if (!askedTypes) askedTypesBy.set(currentAsker, (askedTypes = new Set()));
  for (const type of types) askedTypes.add(type);
  let collection = collections.get(tree);
  if (!collection || !types.every((t) => collection!.types.has(t))) {
    // Another asker may have collected this tree already: keep its types too, the tree may be asked again.
    collection = collect(tree, new Set([...askedTypes, ...(collection?.types ?? [])]));
    collections.set(tree, collection);
  }
  const wanted = new Set(types);
  const found: SyntaxNode[] = [];
  for (let i = 0; i < collection.nodes.length; i++) if (wanted.has(collection.nodeTypes[i])) found.push(collection.nodes[i]);
  return found;
}

function collect(tree: Tree, types: ReadonlySet<string>): Collection {
  if (literalHeavy(tree)) return { types, ...walkAroundLiterals(tree.rootNode, types) };
  const nodes = tree.rootNode.descendantsOfType([...types]).filter((node): node is SyntaxNode => node !== null);
  return { types, nodes, nodeTypes: nodes.map((node) => node.type) };
}

/**
 * True when escape sequences outnumber the other nodes: the tree is mostly string data. Counting backslashes
 * costs well under a millisecond per megabyte, once per tree.
 */
export function literalHeavy(tree: Tree): boolean {
  let heavy = heavyTrees.get(tree);
  if (heavy !== undefined) return heavy;
  const nodeCount = tree.rootNode.descendantCount;
  heavy = false;
  if (nodeCount >= LITERAL_HEAVY_MIN_NODES) {
    const text = tree.rootNode.text;
    let backslashes = 0;
    for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 2)) backslashes++;
    heavy = backslashes * 2 > nodeCount;
  }
  heavyTrees.set(tree, heavy);
  return heavy;
}

/** A pre-order walk, as `descendantsOfType` does, that never enters an opaque node. */
export function walkAroundLiterals(root: SyntaxNode, types: ReadonlySet<string>): { nodes: SyntaxNode[]; nodeTypes: string[] } {
  const nodes: SyntaxNode[] = [];
  const nodeTypes: string[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (types.has(type)) {
        nodes.push(cursor.currentNode);
        nodeTypes.push(type);
      }
      if (!OPAQUE_TYPES.has(type) && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return { nodes, nodeTypes };
    }
  } finally {
    cursor.delete();
  }
}
