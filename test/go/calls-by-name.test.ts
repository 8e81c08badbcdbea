/**
 * Calls found from the text must be the calls a walk of the tree finds: the same nodes, in the same order, for
 * every fixture and a sample of the standard library, and for the awkward spellings Go allows.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { callsNamed } from '../../server/src/go/calls-by-name';
import { parseGo, type SyntaxNode } from '../../server/src/go/parser';
import { SourceFile } from '../../server/src/go/source';
import { findAll } from '../../server/src/go/syntax';
import { goFilesBelow } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';

const NAMES = ['QueryRow', 'Exec', 'Errorf', 'Error', 'Printf', 'Sprintf', 'WithTimeout', 'new', 'Atoi', 'NewCounter'];

/** The walk's answer: every call whose function is `x.Name` (or, with `bare`, `Name`) for one of the names. */
function walked(file: SourceFile, names: readonly string[], bare: boolean, within?: SyntaxNode): SyntaxNode[] {
  return findAll(within ?? file.root, 'call_expression').filter((call) => {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'selector_expression') return names.includes(fn.childForFieldName('field')?.text ?? '');
    return bare && fn?.type === 'identifier' && names.includes(fn.text);
  });
}

const ids = (nodes: SyntaxNode[]) => nodes.map((n) => `${n.startIndex}-${n.endIndex}`);

async function compare(filePath: string, text: string): Promise<void> {
  const tree = await parseGo(text);
  try {
    const file = new SourceFile(filePath, text, tree);
    for (const bare of [false, true]) {
      assert.deepEqual(ids(callsNamed(file, NAMES, { bare })), ids(walked(file, NAMES, bare)), `${filePath} (bare: ${bare})`);
    }
    // Within one function: the calls inside it only.
    const fn = findAll(file.root, ['function_declaration', 'method_declaration'])[0];
    if (fn) assert.deepEqual(ids(callsNamed(file, NAMES, { within: fn })), ids(walked(file, NAMES, false, fn)), `${filePath} within ${fn.startIndex}`);
  } finally {
    tree.delete();
  }
}

describe('calls found by name', () => {
  it('finds the awkward spellings and nothing else', async () => {
    const text = `package p

// QueryRow in a comment, and "db.QueryRow(" in a string
func f(db DB) {
	db.
		QueryRow("q")
	db. /* why */ Exec("x")
	q := db.QueryRow
	_ = q
	db.Exec("a").QueryRow("b")
	QueryRow()
	_ = new(Client)
}

func QueryRow() {}
`;
    const tree = await parseGo(text);
    try {
      const file = new SourceFile('p/f.go', text, tree);
      const found = callsNamed(file, ['QueryRow', 'Exec']).map((n) => n.text.replace(/\s+/g, ' '));
      assert.deepEqual(found, ['db. QueryRow("q")', 'db. /* why */ Exec("x")', 'db.Exec("a").QueryRow("b")', 'db.Exec("a")']);
      assert.deepEqual(callsNamed(file, ['QueryRow', 'new'], { bare: true }).map((n) => n.text.replace(/\s+/g, ' ')), [
        'db. QueryRow("q")',
        'db.Exec("a").QueryRow("b")',
        'QueryRow()',
        'new(Client)',
      ]);
    } finally {
      tree.delete();
    }
  });

  it('answers what a walk answers on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    assert.ok(files.length > 100);
    for (const file of files) await compare(file, readFileSync(file, 'utf8'));
  });

  // The CI installs golang-go: there the sample must run.
  const goroot = '/usr/lib/go/src';
  it('answers what a walk answers on a sample of the standard library', { skip: !existsSync(goroot) && process.env.CI !== 'true' ? 'no Go installed' : false }, async () => {
    for (const dir of ['database/sql', 'net/http', 'log', 'context', 'text/template']) {
      for (const file of goFilesBelow(path.join(goroot, dir), 60)) await compare(file, readFileSync(file, 'utf8'));
    }
  });
});
