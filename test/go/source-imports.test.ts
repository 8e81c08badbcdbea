/**
 * A file analysed after the declaration pass answers questions about its imports (paths, local names) from the
 * declarations read from its text, without a parse: the answers must be the tree's, on the awkward spellings,
 * every fixture and a sample of the standard library.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { parseGo } from '../../server/src/go/parser';
import { SourceFile } from '../../server/src/go/source';
import { goFilesBelow, GOROOT_SRC, NEEDS_GOROOT, stdlibSample } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';

/** Everything the file says about its imports without handing out nodes. */
function answers(file: SourceFile, paths: readonly string[], names: readonly string[]) {
  return {
    paths: [...file.importPaths].sort(),
    hasImport: paths.map((p) => file.hasImport(p)),
    localNameOf: paths.map((p) => file.localNameOf(p) ?? null),
    importPathOf: names.map((n) => file.importPathOf(n) ?? null),
  };
}

async function compare(name: string, text: string): Promise<void> {
  const tree = await parseGo(text);
  const parsed = new SourceFile(name, text, tree);
  const lazy = new SourceFile(name, text, () => tree.copy(), undefined, scanDeclarations(text, () => 'p').imports);
  try {
    const paths = [...new Set([...parsed.imports.map((s) => s.path), 'fmt', 'log', 'database/sql'])];
    const names = [...new Set([...parsed.imports.map((s) => s.localName), 'fmt', 'log', 'sql', '_', '.'])];
    assert.deepEqual(answers(lazy, paths, names), answers(parsed, paths, names), name);
    assert.equal(lazy.parsed, false, `${name} was parsed for its imports`);
  } finally {
    lazy.dispose();
    tree.delete();
  }
}

describe('imports read from the declarations, without a parse', () => {
  it('answers what the tree answers for aliases, dot and blank imports, groups and comments', async () => {
    await compare('a.go', 'package a\n\nimport (\n\tdbsql "database/sql"\n\t. "fmt"\n\t_ "github.com/lib/pq"\n\t// "log"\n\t"gopkg.in/yaml.v3"\n\tredis "github.com/redis/go-redis/v9"\n)\n\nimport "log"\nimport `net/http`\n\nvar _ = dbsql.Open\n');
    await compare('b.go', 'package b\n\nimport /* x */ "os"\nimport ( "strings"; str "strconv" )\n\nfunc f() { _ = os.Args; _ = strings.Cut; _ = str.Itoa }\n');
    await compare('c.go', 'package c\n');
  });

  it('answers what the tree answers on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    assert.ok(files.length > 100);
    for (const file of files) await compare(path.relative(FIXTURES_DIR, file), readFileSync(file, 'utf8'));
  });

  it('answers what the tree answers on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['cmd/go', 'net/http', 'database/sql', 'log', 'os/exec', 'go/build', 'go/types'], 80);
    assert.ok(files.length > 150, `${files.length} files`);
    for (const file of files) await compare(path.relative(GOROOT_SRC, file), readFileSync(file, 'utf8'));
  });
});
