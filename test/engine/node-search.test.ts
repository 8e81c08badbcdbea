/**
 * Whole-tree searches: trees made mostly of escaped string data take a walk that steps over literal interiors,
 * and must answer exactly what the ordinary WASM search answers. The string-literal lexer behind the DSN rule
 * must find the literals the tree finds.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findAll } from '../../server/src/go/syntax';
import { literalHeavy, searchingFor } from '../../server/src/go/node-search';
import { parseGo } from '../../server/src/go/parser';
import { spansContaining, stringLiteralSpans } from '../../server/src/go/string-spans';
import { REPO_ROOT as repoRoot } from '../support/repo';

/** Code with goroutines, calls and literals, followed by an embedded blob big enough to make the tree literal-heavy. */
function heavySource(): string {
  const code = readFileSync(path.join(repoRoot, 'test-fixtures/goroutine-ctx-cancelled/handlers.go'), 'utf8');
  const line = '\t"' + '\\x50\\x4b\\x03\\x04@'.repeat(12) + '" +\n';
  return `${code}\nconst blob = "" +\n${line.repeat(600)}\t""\n\nfunc after() { go func() { println("x") }() }\n`;
}

const QUESTIONS = [
  ['go_statement'],
  ['call_expression'],
  ['interpreted_string_literal', 'raw_string_literal'],
  ['function_declaration', 'func_literal', 'method_declaration'],
  ['identifier', 'field_identifier'],
  ['escape_sequence'],
];

describe('whole-tree search', () => {
  it('treats a file of escaped data as literal-heavy and an ordinary file as not', async () => {
    const heavy = await parseGo(heavySource());
    const ordinary = await parseGo(readFileSync(path.join(repoRoot, 'test-fixtures/goroutine-ctx-cancelled/handlers.go'), 'utf8'));
    try {
      assert.equal(literalHeavy(heavy), true);
      assert.equal(literalHeavy(ordinary), false);
    } finally {
      heavy.delete();
      ordinary.delete();
    }
  });

  it('answers every question on a literal-heavy tree exactly as descendantsOfType does', async () => {
    const tree = await parseGo(heavySource());
    try {
      for (const types of QUESTIONS) {
        const expected = tree.rootNode.descendantsOfType(types).map((n) => `${n!.type}@${n!.startIndex}-${n!.endIndex}`);
        const actual = findAll(tree.rootNode, types).map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);
        assert.ok(expected.length > 0, `the sample holds ${types.join(', ')}`);
        assert.deepEqual(actual, expected, types.join(', '));
      }
    } finally {
      tree.delete();
    }
  });

  it('answers exactly when two askers take turns on the same trees', async () => {
    const text = readFileSync(path.join(repoRoot, 'test-fixtures/goroutine-ctx-cancelled/handlers.go'), 'utf8');
    const keystrokes = {};
    const full = {};
    for (const source of [text, heavySource()]) {
      const tree = await parseGo(source);
      try {
        const asked: [object, string[]][] = [
          [keystrokes, ['call_expression']],
          [full, ['selector_expression']],
          [keystrokes, ['go_statement', 'func_literal']],
          [full, ['call_expression', 'composite_literal']],
        ];
        for (const [asker, types] of asked) {
          const expected = tree.rootNode.descendantsOfType(types).map((n) => `${n!.type}@${n!.startIndex}`);
          const actual = searchingFor(asker, () => findAll(tree.rootNode, types)).map((n) => `${n.type}@${n.startIndex}`);
          assert.deepEqual(actual, expected, types.join(', '));
        }
      } finally {
        tree.delete();
      }
    }
  });
});

describe('stringLiteralSpans', () => {
  it('finds the literals the tree finds in every fixture', async () => {
    const dir = path.join(repoRoot, 'test-fixtures');
    let files = 0;
    for (const rule of readdirSync(dir)) {
      for (const name of readdirSync(path.join(dir, rule)).filter((n) => n.endsWith('.go'))) {
        const text = readFileSync(path.join(dir, rule, name), 'utf8');
        const tree = await parseGo(text);
        try {
          if (tree.rootNode.hasError) continue;
          const expected = findAll(tree.rootNode, ['interpreted_string_literal', 'raw_string_literal']).map((n) => `${n.startIndex}-${n.endIndex}`);
          const actual = stringLiteralSpans(text).map((s) => `${s.start}-${s.end}`);
          assert.deepEqual(actual, expected, `${rule}/${name}`);
          files++;
        } finally {
          tree.delete();
        }
      }
    }
    assert.ok(files > 50, `read ${files} fixtures`);
  });

  it('is not fooled by quotes in runes, comments and escapes', () => {
    const text = 'var a, b = \'"\', "x\\"y" // "no"\n/* "no" */ var c = `r"aw`\nvar d = \'\\\'\'\n';
    const spans = stringLiteralSpans(text).map((s) => text.slice(s.start, s.end));
    assert.deepEqual(spans, ['"x\\"y"', '`r"aw`']);
  });

  it('picks each span holding an offset once', () => {
    const text = 'a := "one@two" + "three" + "four@five@six"';
    const spans = stringLiteralSpans(text);
    const offsets = [...text.matchAll(/@/g)].map((m) => m.index!);
    assert.deepEqual(spansContaining(spans, offsets).map((s) => text.slice(s.start, s.end)), ['"one@two"', '"four@five@six"']);
  });
});
