/**
 * The server leans on the engine's fast tree walks (one WASM call per walk instead of one per node): they must
 * visit exactly what a plain cursor walk visits, with subtrees skipped on request, on valid and broken Go.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAll, walk } from '../../server/src/go/syntax';
import { createGoParser, SyntaxNode } from '../../server/src/go/parser';

/** The reference: a tree cursor, node by node. */
function reference(root: SyntaxNode, skip: (n: SyntaxNode) => boolean): string[] {
  const seen: string[] = [];
  const visit = (node: SyntaxNode) => {
    seen.push(`${node.id}:${node.type}`);
    if (skip(node)) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return seen;
}

const SKIPS: [string, (n: SyntaxNode) => boolean][] = [
  ['nothing', () => false],
  ['blocks', (n) => n.type === 'block'],
  ['calls and closures', (n) => n.type === 'call_expression' || n.type === 'func_literal'],
];

describe('tree walks', () => {
  it('visit what a cursor visits, on valid and broken files', async () => {
    const parser = await createGoParser();
    const source = `package main

import "fmt"

func main() {
	go func() { fmt.Println("x", f(1, 2)) }()
	for i := 0; i < 3; i++ {
		if i > 1 { break }
	}
	var _ = struct{ A int }{A: 1}
}

func f(a, b int) int { return a + b }
`;
    const variants = [source, source.replace('fmt.Println("x", f(1, 2))', 'fmt.Println("x", f(1, 2)'), source.replace('return a + b }', 'return a + }')];
    for (const text of variants) {
      const tree = parser.parse(text)!;
      try {
        const roots = [tree.rootNode, ...findAll(tree.rootNode, ['function_declaration', 'block'])];
        for (const root of roots) {
          for (const [name, skip] of SKIPS) {
            const seen: string[] = [];
            walk(root, (n) => {
              seen.push(`${n.id}:${n.type}`);
              return !skip(n);
            });
            assert.deepEqual(seen, reference(root, skip), `walk from ${root.type}, skipping ${name}, hasError=${tree.rootNode.hasError}`);
          }
          const calls = reference(root, () => false).filter((k) => /:(call_expression|identifier)$/.test(k));
          assert.deepEqual(findAll(root, ['call_expression', 'identifier']).map((n) => `${n.id}:${n.type}`), calls);
        }
      } finally {
        tree.delete();
      }
    }
  });
});
