/** Incremental trees: after any sequence of edits, the reused tree equals a fresh parse of the same text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { walk } from '../../server/src/go/syntax';
import { createGoParser, SyntaxNode } from '../../server/src/go/parser';
import { DocumentStore, endOfInsertion } from '../../server/src/lsp/documents';

const SOURCE = `package main

import "fmt"

// 欢迎 greets in two languages: 你好, 世界 🌏.
func main() {
	fmt.Println("héllo", "世界")
}
`;

/** Every node with its type and its span in indices and rows/columns, which `toString()` leaves out. */
function shape(root: SyntaxNode): string {
  const parts: string[] = [];
  walk(root, (n) => {
    parts.push(`${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}`);
  });
  return parts.join(' ');
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const SNIPPETS = ['x', '\n', '世界', '🌏', '"', '}', 'func f() {}\n', '\t', 'var _ = 1\n', ''];

describe('open documents', () => {
  it('computes where an insertion ends in UTF-16 columns', () => {
    assert.deepEqual(endOfInsertion({ line: 2, character: 4 }, '世界'), { line: 2, character: 6 });
    assert.deepEqual(endOfInsertion({ line: 2, character: 4 }, 'a\n🌏b'), { line: 3, character: 3 });
  });

  it('keeps an incrementally edited tree equal to a fresh parse', async () => {
    const parser = await createGoParser();
    const store = new DocumentStore();
    const uri = 'file:///tmp/main.go';
    const document = store.open(uri, 'go', 1, SOURCE);
    document.syntaxTree(parser);
    const next = random(42);
    for (let version = 2; version < 300; version++) {
      const text = document.text;
      const lines = text.split('\n');
      const changes = [];
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const line = Math.floor(next() * lines.length);
        const character = Math.floor(next() * (lines[line].length + 1));
        const endLine = Math.min(lines.length - 1, line + Math.floor(next() * 2));
        const endCharacter = endLine === line ? Math.min(lines[line].length, character + Math.floor(next() * 4)) : Math.floor(next() * (lines[endLine].length + 1));
        changes.push({ range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text: SNIPPETS[Math.floor(next() * SNIPPETS.length)] });
      }
      document.applyChanges(changes, version);
      // Parse every few versions, so several edits accumulate on one old tree as they do while typing fast.
      if (version % 3 !== 0) continue;
      const incremental = document.syntaxTree(parser);
      const fresh = parser.parse(document.text)!;
      try {
        assert.equal(shape(incremental.rootNode), shape(fresh.rootNode), `tree differs at version ${version}`);
        assert.equal(incremental.rootNode.endIndex, document.text.length);
      } finally {
        fresh.delete();
      }
    }
    store.dispose();
    assert.equal(document.hasTree, false, 'trees are freed on dispose');
  });

  it('reads a reversed range as the same range the right way round, as the text does', async () => {
    const parser = await createGoParser();
    const store = new DocumentStore();
    const document = store.open('file:///tmp/reversed.go', 'go', 1, 'package main\n\nfunc a() {\n\tx := 1\n}\n\nfunc b() {}\n');
    document.syntaxTree(parser);
    const next = random(3);
    for (let version = 2; version < 300; version++) {
      const lines = document.text.split('\n');
      const at = () => {
        const line = Math.floor(next() * lines.length);
        return { line, character: Math.floor(next() * (lines[line].length + 1)) };
      };
      const [a, b] = [at(), at()];
      const [start, end] = a.line > b.line || (a.line === b.line && a.character >= b.character) ? [a, b] : [b, a];
      document.applyChanges([{ range: { start, end }, text: ['x', '{', '}\n', ''][version % 4] }], version);
      const fresh = parser.parse(document.text)!;
      try {
        assert.equal(shape(document.syntaxTree(parser).rootNode), shape(fresh.rootNode), `tree differs at version ${version}`);
      } finally {
        fresh.delete();
      }
    }
    store.dispose();
  });

  it('parses broken code afresh, since tree-sitter recovers from errors differently with an old tree', async () => {
    // Found by npm run fuzz: one ordinary edit, and the incremental tree's ERROR nodes differed from a fresh parse's.
    const cases: [string, unknown[]][] = [
      ["/g﻿Clicontext.Background()e]nt{}/ckage... mselect {", [{"range":{"start":{"line":0,"character":14},"end":{"line":0,"character":14}},"text":"select{"}]],
      ["for {extxxxxxxxxx......\rxxxxxxxxxxxx﻿\r\rxt.WithTimeout(ctx, 0)", [{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":1}},"text":":="},{"range":{"start":{"line":0,"character":12},"end":{"line":0,"character":12}},"text":"case <-ctx.Done():"}]],
    ];
    const parser = await createGoParser();
    for (const [before, changes] of cases) {
      const store = new DocumentStore();
      const document = store.open('file:///tmp/broken.go', 'go', 1, before);
      document.syntaxTree(parser);
      document.applyChanges(changes as never, 2);
      const fresh = parser.parse(document.text)!;
      try {
        assert.equal(shape(document.syntaxTree(parser).rootNode), shape(fresh.rootNode));
      } finally {
        fresh.delete();
        store.dispose();
      }
    }
  });

  it('keeps the tree equal to a fresh parse under reversed, out-of-range and malformed changes', async () => {
    const parser = await createGoParser();
    const store = new DocumentStore();
    const document = store.open('file:///tmp/hostile.go', 'go', 1, SOURCE);
    document.syntaxTree(parser);
    const next = random(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const hostile = [...SNIPPETS, '\r', '\r\n', '\ud83c', '\udf0f', '\u2028'];
    const coordinate = (limit: number) => pick([Math.floor(next() * (limit + 1)), limit + 1 + Math.floor(next() * 5), -1 - Math.floor(next() * 3), 1e9]);
    for (let version = 2; version < 400; version++) {
      const lines = document.text.split('\n');
      const changes: any[] = [];
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const a = { line: coordinate(lines.length), character: coordinate(20) };
        const b = { line: coordinate(lines.length), character: coordinate(20) };
        const kind = next();
        if (kind < 0.03) changes.push({ range: { start: { line: 'x', character: null }, end: b }, text: 'bad' });
        else if (kind < 0.05) changes.push({ range: { start: a, end: b }, text: null });
        else changes.push({ range: { start: a, end: b }, text: pick(hostile) });
      }
      document.applyChanges(changes, version);
      if (version % 2 !== 0) continue;
      const incremental = document.syntaxTree(parser);
      const fresh = parser.parse(document.text)!;
      try {
        assert.equal(shape(incremental.rootNode), shape(fresh.rootNode), `tree differs at version ${version} after ${JSON.stringify(changes)}`);
      } finally {
        fresh.delete();
      }
    }
    store.dispose();
  });
});
