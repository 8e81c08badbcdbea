/**
 * What leads to a type (type-reach.ts) lets log-unstructured skip the parse of a file that cannot hold a
 * *log.Logger. Where the text and the index say no, the resolver must agree: no expression of the file has that
 * type — on the awkward spellings, every fixture and a standard library sample with net/http's loggers in it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { emptyDecls, FileDecls } from '../../server/src/go/declarations';
import { SyntaxNode } from '../../server/src/go/parser';
import { isDerivedKey, reachKey, TypeIndex } from '../../server/src/go/type-index';
import { mayNameReach, MentionGraph, Reach } from '../../server/src/go/type-reach';
import { namedParts } from '../../server/src/go/types';
import { goFilesBelow, GOROOT_SRC, NEEDS_GOROOT, stdlibSample } from '../support/go-files';
import { exists, FIXTURES_DIR } from '../support/repo';
import { LOGGING_PATHS } from '../../server/src/traps/observability/logging-calls';
import { typedSources } from '../support/types';
import { DB_HANDLE_TARGET, DB_PATHS } from '../../server/src/traps/db/db-handles';
import { CLIENT_PATHS, CLIENT_TYPES } from '../../server/src/traps/config/service-address';
import { HTTP_CLIENT } from '../../server/src/traps/remote/client-uses';

const LOGGER = '"log".Logger';

function decls(text: string, pkg: string): FileDecls {
  return scanDeclarations(text, () => pkg);
}

type Question = [what: string, target: string, imports: readonly string[], isTarget: (parts: { pkg: string; name: string }) => boolean];

/** The questions the rules ask: log-unstructured's *log.Logger, log-error-no-fields' structured loggers. */
const QUESTIONS: Question[] = [
  ['a *log.Logger', LOGGER, ['log'], (parts) => parts.pkg === 'log' && parts.name === 'Logger'],
  ['a structured logger', LOGGING_PATHS.map((p) => `"${p}".*`).join(' '), LOGGING_PATHS, (parts) => LOGGING_PATHS.includes(parts.pkg)],
  ['a database handle', DB_HANDLE_TARGET, DB_PATHS, (parts) => DB_HANDLE_TARGET.split(' ').includes(`"${parts.pkg}".${parts.name}`)],
  ['a type of a Redis, Kafka, NATS, etcd, gRPC or AMQP client', CLIENT_TYPES, CLIENT_PATHS, (parts) => CLIENT_PATHS.includes(parts.pkg)],
  ['an http.Client', HTTP_CLIENT, ['net/http'], (parts) => parts.pkg === 'net/http' && parts.name === 'Client'],
];

describe('what leads to a type', () => {
  it('follows fields, results, aliases, chains and methods back to the type, across packages', () => {
    const files = new Map<string, { pkg: string; decls: FileDecls }>();
    const graph = new MentionGraph((file) => files.get(file));
    const set = (file: string, pkg: string, text: string) => {
      files.set(file, { pkg, decls: decls(text, pkg) });
      graph.set(file, files.get(file)!.decls);
    };
    set('sink/sink.go', 'x/sink', 'package sink\nimport "log"\ntype Sink struct{ out *log.Logger }\nfunc New() *Sink { return nil }\n');
    set('store/kit.go', 'x/store', 'package store\nimport "x/sink"\ntype Kit struct{ Out []*sink.Sink }\nvar Default = sink.New()\ntype Other struct{ n int }\nfunc (o *Other) Kit() Kit { return Kit{} }\nfunc (o *Other) Count() int { return 0 }\n');
    set('alias/a.go', 'x/alias', 'package alias\nimport "log"\ntype L = log.Logger\n');
    const reach = graph.reach(LOGGER);
    for (const name of ['"x/sink".Sink', '"x/sink".New', '"x/store".Kit', '"x/store".Default', '"x/alias".L']) assert.ok(reach.names.has(name), name);
    assert.ok(!reach.names.has('"x/store".Other'), 'Other holds no logger (one of its methods hands one out)');
    assert.deepEqual([...reach.methods], ['Kit']);

    const before = reach.fingerprint;
    set('sink/sink.go', 'x/sink', 'package sink\ntype Sink struct{ n int }\nfunc New() *Sink { return nil }\n');
    const after = graph.reach(LOGGER);
    assert.ok(!after.names.has('"x/store".Kit') && !after.names.has('"x/sink".New'));
    assert.notEqual(after.fingerprint, before);
    graph.delete('alias/a.go');
    assert.deepEqual([...graph.reach(LOGGER).names].sort(), [LOGGER]);
  });

  it('reads the names a file writes: selectors of methods, pkg.Name through imports, its own package\'s names', () => {
    const reach: Reach = { names: new Set([LOGGER, '"x/store".Kit', '"p".newLogger']), methods: new Set(['Logger']), fingerprint: '' };
    const imports: Record<string, string> = { store: 'x/store', st: 'x/store', fmt: 'fmt' };
    const may = (body: string) => mayNameReach(`package p\n\nfunc f() {\n${body}\n}\n`, reach, 'p', (name) => imports[name]);
    assert.equal(may('\tvar k store.Kit'), true);
    assert.equal(may('\tvar k st .\n\t\tKit'), true);
    assert.equal(may('\tk := st./* c */Kit{}'), true);
    assert.equal(may('\tl := newLogger()'), true);
    assert.equal(may('\tx.Logger().Printf("a")'), true);
    assert.equal(may('\tx.y.Logger'), true);
    // Not the names: another package's Kit, a field named like a package name, words in comments and literals.
    assert.equal(may('\tvar k fmt.Kit'), false);
    assert.equal(may('\tvar k other.Kit'), false);
    assert.equal(may('\t_ = s.newLogger'), false);
    assert.equal(may('\t// store.Kit newLogger\n\t_ = "store.Kit"\n\t_ = `newLogger`\n\t_ = \'K\'\n\t/* x.Logger */'), false);
    assert.equal(may('\tf(a...)\n\t_ = 1.5e3 + 0x1f\n\tLogger := 2'), false);
    // Broken text is a maybe.
    assert.equal(may('\t_ = "unterminated'), true);
    assert.equal(may('\t/* unterminated'), true);
  });

  it('keeps its answer up to date in the type index, and says when it changed', () => {
    const index = new TypeIndex();
    index.setFile('sink/sink.go', 'x/sink', decls('package sink\ntype Sink struct{ n int }\n', 'x/sink'));
    index.setFile('store/kit.go', 'x/store', decls('package store\nimport "x/sink"\ntype Kit struct{ Out *sink.Sink }\n', 'x/store'));
    const recorded = new Set<string>();
    const first = index.recording(recorded, () => index.reach(LOGGER));
    assert.deepEqual([...recorded], [reachKey(LOGGER)]);
    assert.ok(isDerivedKey(reachKey(LOGGER)));
    assert.ok(!first.names.has('"x/store".Kit'));
    const fingerprint = index.memberFingerprint(reachKey(LOGGER));

    // An edit that leads nowhere near the type: the answer stands, and no change is reported for it.
    const unrelated = index.setFile('store/kit.go', 'x/store', decls('package store\nimport "x/sink"\ntype Kit struct{ Out *sink.Sink; N int }\n', 'x/store'));
    assert.ok(unrelated.size > 0 && !unrelated.has(reachKey(LOGGER)));
    // sink.Sink becomes the logger: Kit now leads to it.
    const changed = index.setFile('sink/sink.go', 'x/sink', decls('package sink\nimport "log"\ntype Sink = log.Logger\n', 'x/sink'));
    assert.ok(changed.has(reachKey(LOGGER)));
    assert.ok(index.reach(LOGGER).names.has('"x/store".Kit'));
    assert.notEqual(index.memberFingerprint(reachKey(LOGGER)), fingerprint);
    // Deleting the file that made the link takes it back.
    assert.ok(index.deleteFile('sink/sink.go').has(reachKey(LOGGER)));
    assert.equal(index.memberFingerprint(reachKey(LOGGER)), fingerprint);
    index.setFile('empty.go', 'x/empty', emptyDecls('empty'));
    assert.equal(index.memberFingerprint(reachKey(LOGGER)), fingerprint);
  });

  it('takes every name of a package as a target, and sees a new one in an edit', () => {
    const index = new TypeIndex();
    const ZAP = '"go.uber.org/zap".*';
    index.setFile('zap/zap.go', 'go.uber.org/zap', decls('package zap\ntype Logger struct{}\ntype SugaredLogger struct{}\n', 'go.uber.org/zap'));
    index.setFile('svc/svc.go', 'x/svc', decls('package svc\nimport "go.uber.org/zap"\ntype Svc struct{ log *zap.Logger }\n', 'x/svc'));
    index.setFile('other/o.go', 'x/other', decls('package other\ntype Other struct{ n int }\n', 'x/other'));
    assert.ok(index.reach(ZAP).names.has('"x/svc".Svc'));
    assert.ok(!index.reach(ZAP).names.has('"x/other".Other'));
    // Other now holds a zap type no entry mentioned before.
    const changed = index.setFile('other/o.go', 'x/other', decls('package other\nimport "go.uber.org/zap"\ntype Other struct{ s *zap.SugaredLogger }\n', 'x/other'));
    assert.ok(changed.has(reachKey(ZAP)));
    assert.ok(index.reach(ZAP).names.has('"x/other".Other'));
  });

  for (const [what, target, imports, isTarget] of QUESTIONS) {
    it(`never says no where the resolver finds ${what}, on every fixture`, async () => {
      // The files of a folder together, and of a layout (a module): a logger declared in one file reaches the others.
      const byFolder = new Map<string, Record<string, string>>();
      for (const f of goFilesBelow(FIXTURES_DIR, Infinity)) {
        const layout = /^layouts\/[^/]+/.exec(path.relative(FIXTURES_DIR, f))?.[0];
        const folder = layout ?? path.dirname(f);
        byFolder.set(folder, { ...byFolder.get(folder), [path.relative(FIXTURES_DIR, f)]: readFileSync(f, 'utf8') });
      }
      let no = 0;
      for (const [folder, sources] of byFolder) {
        const goMod = path.join(FIXTURES_DIR, folder, 'go.mod');
        const module = folder.startsWith('layouts/') && exists(goMod) ? /^module\s+(\S+)/m.exec(readFileSync(goMod, 'utf8'))?.[1] : undefined;
        no += await check(sources, target, imports, isTarget, module ? [{ root: folder, path: module }] : undefined);
      }
      assert.ok(no > 100, `answered no ${no} times`);
    });
  }

  it('never says no where the resolver finds a *log.Logger, on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['log', 'net/http', 'cmd/compile/internal/base', 'expvar', 'net/rpc'], 50);
    const sources = Object.fromEntries(files.map((f) => [path.relative(GOROOT_SRC, f), readFileSync(f, 'utf8')]));
    const [, target, imports, isTarget] = QUESTIONS[0];
    const no = await check(sources, target, imports, isTarget, [{ root: '', path: 'std' }]);
    assert.ok(no > 30, `answered no ${no} times`);
  });
});

/** How many files the text and index ruled out; throws where the resolver types an expression as the target. */
async function check(
  sources: Record<string, string>,
  target: string,
  imports: readonly string[],
  isTarget: Question[3],
  modules?: { root: string; path: string }[],
): Promise<number> {
  const typed = await typedSources(sources, modules);
  let no = 0;
  try {
    for (const name of Object.keys(sources)) {
      const types = typed.resolver(name);
      const file = types.file;
      if (imports.some((p) => file.mayImport(p)) || file.importPathOf('.') !== undefined) continue;
      if (mayNameReach(file.text, typed.index.reach(target), types.ownPackage, (local) => file.importPathOf(local))) continue;
      no++;
      const visit = (node: SyntaxNode) => {
        if (EXPRESSIONS.has(node.type)) {
          const parts = namedParts(types.typeOf(node));
          assert.ok(!(parts && isTarget(parts)), `${name}: ${node.text.slice(0, 60)} is a ${parts?.pkg}.${parts?.name}`);
          if (node.type === 'call_expression') {
            const callee = types.calleeOf(node);
            const owner = callee?.kind === 'method' ? namedParts(callee.receiver) : null;
            assert.ok(!(owner && isTarget(owner)), `${name}: ${node.text.slice(0, 60)} calls a method of ${owner?.pkg}.${owner?.name}`);
          }
        }
        for (const child of node.namedChildren) if (child) visit(child);
      };
      visit(file.root);
    }
  } finally {
    typed.dispose();
  }
  return no;
}

const EXPRESSIONS = new Set(['identifier', 'selector_expression', 'call_expression', 'index_expression', 'parenthesized_expression', 'unary_expression', 'composite_literal', 'type_assertion_expression']);
