/**
 * The checklist's per-file facts are read text first (the language server collects them for every file): they
 * must be what the tree says, on every fixture, a sample of the standard library and the awkward spellings, and
 * a file without any of them must not be parsed for them.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ChecklistFacts, collectChecklistFacts, PPROF_PACKAGES } from '../../server/src/architecture/checklist-facts';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { parseGo } from '../../server/src/go/parser';
import { observeParses, SourceFile } from '../../server/src/go/source';
import { matchesInCode } from '../../server/src/go/string-spans';
import { findAll, stringValue } from '../../server/src/go/syntax';
import { analyze } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import { goFilesBelow } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';

/** The same facts from the tree alone, the way they were read before the text came first. */
function fromTheTree(file: SourceFile): ChecklistFacts | undefined {
  const facts: ChecklistFacts = {};
  const imports = file.imports.map((s) => s.path);
  if (file.isTest) {
    if (imports.includes('go.uber.org/goleak')) facts.goleak = true;
  } else {
    const chi = file.imports.find((s) => s.path === 'github.com/go-chi/chi/v5/middleware');
    const wired = file.imports.some((s) => PPROF_PACKAGES.includes(s.path) && s !== chi) || (chi !== undefined && file.text.includes(`${chi.localName}.Profiler(`));
    const byHand = imports.includes('runtime/pprof') && findAll(file.root, 'interpreted_string_literal').some((n) => stringValue(n)?.startsWith('/debug/pprof') ?? false);
    if (wired || byHand) facts.pprof = true;
    const started = findAll(file.root, 'go_statement').length;
    if (started > 0) facts.goStatements = started;
    const main = file.root.namedChildren.some((n) => n?.type === 'function_declaration' && n.childForFieldName('name')?.text === 'main');
    if (file.packageName === 'main' && main) facts.main = true;
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}

async function compare(filePath: string, text: string): Promise<void> {
  const tree = await parseGo(text);
  try {
    // A lazy file for the text-first answer (as the pipeline builds it), the parsed one for the reference.
    const lazy = new SourceFile(filePath, text, () => tree.copy());
    try {
      assert.deepEqual(collectChecklistFacts(lazy), fromTheTree(new SourceFile(filePath, text, tree)), filePath);
    } finally {
      lazy.dispose();
    }
  } finally {
    tree.delete();
  }
}

describe('checklist facts, text first', () => {
  it('finds `go` in code only', () => {
    const code = (text: string) => matchesInCode(text, /\bgo\b/g);
    assert.equal(code('package p\n// go on\nvar s = "go"\nvar r = \'g\'\n/* go */\n'), false);
    assert.equal(code('package p\nfunc f() { go g() }\n'), true);
    assert.equal(code('package p\n// go\nfunc f() { /* go */ go g() }\n'), true);
    assert.equal(code('package p\nvar s = `go\ngo`\nfunc f() { s := "\\"go"; go g(s) }\n'), true);
    assert.equal(code('package p\nvar s = `go\ngo`\n'), false);
    // Broken code: an unterminated comment leaves nothing certain.
    assert.equal(code('package p\n/* go'), true);
  });

  it('answers what the tree answers for the awkward spellings', async () => {
    await compare('cmd/app/main.go', 'package main\n\nfunc /* entry */\nmain() {\n\tgo(work)()\n\t// go work()\n\t_ = "go"\n}\n\nfunc work() {}\n');
    await compare('cmd/app/lib.go', 'package main\n\n// func main is elsewhere\nfunc (s server) main() {}\n');
    await compare('svc/debug.go', 'package svc\n\nimport (\n\t"net/http"\n\t"runtime/pprof"\n)\n\nfunc init() {\n\thttp.HandleFunc("/debug/pprof/heap", func(w http.ResponseWriter, r *http.Request) { pprof.Lookup("heap").WriteTo(w, 0) })\n}\n');
    await compare('svc/chi.go', 'package svc\n\nimport mw "github.com/go-chi/chi/v5/middleware"\n\nfunc mount(r router) { r.Mount("/debug", mw.Profiler()) }\n');
    await compare('svc/leak_test.go', 'package svc\n\nimport "go.uber.org/goleak"\n\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n');
  });

  it('answers what the tree answers on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    assert.ok(files.length > 100);
    for (const file of files) await compare(path.relative(FIXTURES_DIR, file), readFileSync(file, 'utf8'));
  });

  // The CI installs golang-go: there the sample must run.
  const goroot = '/usr/lib/go/src';
  it('answers what the tree answers on a sample of the standard library', { skip: !existsSync(goroot) && process.env.CI !== 'true' ? 'no Go installed' : false }, async () => {
    for (const dir of ['net/http', 'net/http/pprof', 'runtime/pprof', 'cmd/go', 'cmd/gofmt', 'sync', 'os/exec']) {
      for (const file of goFilesBelow(path.join(goroot, dir), 60)) await compare(path.relative(goroot, file), readFileSync(file, 'utf8'));
    }
  });

  describe('in the language server\'s analysis (rules and collectors)', () => {
    const parsed: string[] = [];
    observeParses((file) => {
      if (!parsed.includes(file.path)) parsed.push(file.path);
    });
    after(() => observeParses(undefined));

    // Coupling reads every non-test file's calls from its tree; test files are the checklist's alone.
    it('parses no test file that neither a rule nor a collector needs a tree for, comments about "go" included', async () => {
      parsed.length = 0;
      const text = 'package shapes\n\n// Let\'s go: the area of a rectangle (see "go doc").\nfunc TestArea(t *testing.T) {\n\tif Area(2, 3) != 6 {\n\t\tt.Fatal("area")\n\t}\n}\n';
      const result = await analyze(['shapes/area_test.go'], () => text, defaultSettings(), [], { collectors: true });
      assert.deepEqual(result.findings, []);
      assert.deepEqual(parsed, []);
    });

    it('reads a test file\'s goleak import from its declarations, without a parse', async () => {
      parsed.length = 0;
      const text = 'package jobs\n\nimport "go.uber.org/goleak"\n\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n';
      await analyze(['jobs/main_test.go'], () => text, defaultSettings(), [], { collectors: true });
      assert.deepEqual(parsed, []);
      const unparsable = () => {
        throw new Error('parsed');
      };
      const file = new SourceFile('jobs/main_test.go', text, unparsable, undefined, scanDeclarations(text, () => 'jobs').imports);
      assert.deepEqual(collectChecklistFacts(file), { goleak: true });
    });
  });
});
