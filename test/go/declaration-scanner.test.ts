/**
 * The declaration scanner reads declarations from text; tree-sitter's syntax tree is the oracle. Hand-written
 * cases pin the tricky syntax; then both readers must agree on the fixtures, the library signatures and a
 * sample of the Go standard library.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import type { FileDecls } from '../../server/src/go/declarations';
import { LIBRARY_STUBS } from '../../server/src/go/knowledge';
import { parseGo } from '../../server/src/go/parser';
import { SourceFile } from '../../server/src/go/source';
import { FIXTURES_DIR } from '../support/repo';
import { treeDeclarations } from '../support/tree-declarations';

const OWN = 'example.com/app/store';
const scan = (text: string) => scanDeclarations(text, () => OWN);

function goFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...goFiles(full));
    else if (name.endsWith('.go')) out.push(full);
  }
  return out;
}

/**
 * Entries where the two readers differ. tree-sitter's grammar reads long named parameter lists (`a0, a1, ..., a9
 * int`) as if the first names were types; where the tree shows such a phantom own-package type the scanner is
 * right, so those entries are not counted.
 */
function differences(tree: FileDecls, scanned: FileDecls): string[] {
  const out: string[] = [];
  if (tree.package !== scanned.package) out.push(`package: ${tree.package} ≠ ${scanned.package}`);
  if (JSON.stringify(tree.imports) !== JSON.stringify(scanned.imports)) out.push('imports');
  for (const table of ['types', 'values', 'funcs', 'methods'] as const) {
    for (const name of new Set([...Object.keys(tree[table]), ...Object.keys(scanned[table])])) {
      const a = tree[table][name];
      const b = scanned[table][name];
      if (a === b) continue;
      if ((table === 'funcs' || table === 'methods') && a && /"[^"]*"\.[a-z_]\w*, /.test(a)) continue;
      out.push(`${table}.${name}: tree ${a} ≠ scanner ${b}`);
    }
  }
  return out;
}

async function compareWithTree(file: string, text: string): Promise<string[]> {
  const tree = await parseGo(text);
  try {
    if (tree.rootNode.hasError) return [];
    const source = new SourceFile(file, text, tree);
    return differences(treeDeclarations(source, OWN), scan(text)).map((d) => `${file}: ${d}`);
  } finally {
    tree.delete();
  }
}

describe('declaration scanner', () => {
  it('reads structs with embedded pointers, tags, generics and interfaces with methods and unions', () => {
    const decls = scan(`package store

import (
	dbsql "database/sql"
	_ "github.com/lib/pq"
	. "strings"
	"gopkg.in/yaml.v3"
)

type Store struct {
	*dbsql.DB \`json:"-"\`
	cache     map[string][]*Item // the read cache
	a, b      int
	List[int]
	arr [4]int
	f func(ctx string) (int, error)
}

type List[T any] struct{ items []T }

type Querier interface {
	QueryRow(q string, args ...any) *dbsql.Row
	yaml.Marshaler
	~int | ~string
}

type Alias = *Store
type IDs []int64
`);
    assert.equal(decls.package, 'store');
    assert.deepEqual(decls.imports, [
      { path: 'database/sql', alias: 'dbsql' },
      { path: 'github.com/lib/pq', alias: '_' },
      { path: 'strings', alias: '.' },
      { path: 'gopkg.in/yaml.v3', alias: '' },
    ]);
    assert.equal(
      decls.types.Store,
      `struct{*"database/sql".DB; cache map[string][]*"${OWN}".Item; a int; b int; "${OWN}".List; arr [4]int; f func(string) (int, error)}`,
    );
    assert.equal(decls.types.List, 'struct{items []?}');
    assert.equal(decls.types.Querier, 'interface{QueryRow func(string, ...interface{}) *"database/sql".Row; "gopkg.in/yaml.v3".Marshaler}');
    assert.equal(decls.types.Alias, `=*"${OWN}".Store`);
    assert.equal(decls.types.IDs, '[]int64');
  });

  it('reads package variables: written types, literals, and chains to work out later', () => {
    const decls = scan(`package store

import (
	"database/sql"
	"net/http"
)

var DB *sql.DB
var Pool, openErr = sql.Open("mysql", dsn())
var client = &http.Client{Timeout: 5}
var primary = newStore(cfg).DB
var handler = func(w http.ResponseWriter, r *http.Request) { if x { } }
var name = "store"
var count = 1 + 2
const (
	KindA Kind = iota
	KindB
	limit = 10
)
`);
    assert.equal(decls.values.DB, '*"database/sql".DB');
    assert.equal(decls.values.Pool, '@"database/sql".Open()#0');
    assert.equal(decls.values.openErr, '@"database/sql".Open()#1');
    assert.equal(decls.values.client, '*"net/http".Client');
    assert.equal(decls.values.primary, `@"${OWN}".newStore().DB`);
    assert.equal(decls.values.handler, 'func("net/http".ResponseWriter, *"net/http".Request)');
    assert.equal(decls.values.name, 'string');
    assert.equal(decls.values.count, undefined, 'an expression we do not follow leaves the type unknown');
    assert.equal(decls.values.KindB, `"${OWN}".Kind`, 'a const without type and value repeats the type before it');
    assert.equal(decls.values.limit, undefined);
  });

  it('reads functions and methods with named, unnamed, variadic and generic signatures, and skips bodies', () => {
    const decls = scan(`package store

func Open(driver, dsn string) (*Store, error) { s := "}"; _ = '}'; /* } */ return nil, nil }
func (s *Store) Query(q string, args ...any) (rows []Row, err error) {
	return
}
func (l List[T]) Len() int { return len(l.items) }
func Map[T, U any](xs []T, f func(T) U) []U { return nil }
func init() {}
func Bare(int, string) error
`);
    assert.equal(decls.funcs.Open, `func(string, string) (*"${OWN}".Store, error)`);
    assert.equal(decls.methods['Store.Query'], `*func(string, ...interface{}) ([]"${OWN}".Row, error)`);
    assert.equal(decls.methods['List.Len'], 'func() int');
    assert.equal(decls.funcs.Map, 'func([]?, func(?) ?) []?');
    assert.equal(decls.funcs.init, undefined);
    assert.equal(decls.funcs.Bare, 'func(int, string) error');
  });

  it('never throws on broken code and keeps the declarations it can read', () => {
    const decls = scan('package x\n\ntype A struct {\n\tb int\n\nfunc F( {\n\nvar V *T = \n\ntype Good struct{ ok bool }\n');
    assert.equal(decls.package, 'x');
    for (const text of ['', 'package', '\uFEFFpackage y', 'package z\nfunc (', 'package z\nvar x = "unterminated', 'package z\ntype T[', '\u0000\u0001']) {
      assert.doesNotThrow(() => scan(text));
    }
  });

  it('agrees with the syntax tree on every fixture and every library signature', async () => {
    const problems: string[] = [];
    for (const file of goFiles(FIXTURES_DIR)) problems.push(...(await compareWithTree(path.relative(FIXTURES_DIR, file), readFileSync(file, 'utf8'))));
    for (const stub of LIBRARY_STUBS) {
      const tree = await parseGo(stub.source);
      assert.equal(tree.rootNode.hasError, false, `the ${stub.paths[0]} signatures do not parse`);
      tree.delete();
      problems.push(...(await compareWithTree(stub.paths[0], stub.source)));
    }
    assert.deepEqual(problems, []);
  });

  const goRoot = (() => {
    try {
      return execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    } catch {
      return '/usr/lib/go';
    }
  })();
  const stdlib = path.join(goRoot, 'src');
  it('agrees with the syntax tree on a sample of the Go standard library', { skip: !existsSync(stdlib) && process.env.CI !== 'true' ? 'no Go installed' : false }, async () => {
    const files = execFileSync('find', [`${stdlib}/`, '-name', '*.go', '-not', '-path', '*/testdata/*', '-size', '-512k'], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .split('\n')
      .filter(Boolean)
      .sort();
    assert.ok(files.length > 1000, `only ${files.length} Go files under ${stdlib}`);
    const problems: string[] = [];
    for (let i = 0; i < files.length; i += 9) problems.push(...(await compareWithTree(files[i], readFileSync(files[i], 'utf8'))));
    assert.deepEqual(problems.slice(0, 20), []);
  });
});
