/**
 * An analysis that ran in a worker while another file's declarations changed read the old ones: the index tells
 * the language server so (changedSince), for the declarations that analysis looked up and no others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/engine/workspace-index';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { EVERY_PACKAGE, importsKey, loopingNamesKey, memberKey, reachKey } from '../../server/src/go/type-index';

const PKG = 'example.com/shop/user';
const repo = (type: string) => scanDeclarations(`package user\n\ntype Repo struct {\n\tdb ${type}\n}\n\nvar Limit = 10\n`, () => PKG);

describe('workspace index: declaration generations', () => {
  it('says which looked-up declarations changed after a point, and only those', () => {
    const index = new WorkspaceIndex();
    index.setDecls('user/repo.go', PKG, repo('*sql.DB'));
    const started = index.declarationGeneration;
    const repoKey = memberKey(PKG, 'Repo');
    const limitKey = memberKey(PKG, 'Limit');
    assert.equal(index.changedSince(started, [repoKey]), false, 'nothing changed yet');
    index.setDecls('user/repo.go', PKG, repo('*sql.DB'));
    assert.equal(index.changedSince(started, [repoKey]), false, 'the same declarations again change nothing');
    index.setDecls('user/repo.go', PKG, repo('*Cache'));
    assert.equal(index.changedSince(started, [repoKey]), true, 'Repo changed');
    assert.equal(index.changedSince(started, [limitKey]), false, 'Limit did not');
    assert.equal(index.changedSince(index.declarationGeneration, [repoKey]), false, 'not after the change');
  });

  it('names a file that asked what leads to *log.Logger among those to analyse again when that changes, and only then', () => {
    const index = new WorkspaceIndex();
    const sink = (body: string) => scanDeclarations(`package sink\n\n${body}\n`, () => 'x/sink');
    index.setDecls('sink/sink.go', 'x/sink', sink('type Sink struct{ n int }'));
    index.setDecls('store/kit.go', 'x/store', scanDeclarations('package store\n\nimport "x/sink"\n\ntype Kit struct{ Out *sink.Sink }\n', () => 'x/store'));
    const entry = { summary: { location: { path: 'order/pay.go', modulePath: 'x', packageDir: 'order', domain: '', goVersion: '' }, facts: {}, directives: [] }, findings: [] };
    index.set('order/pay.go', { ...entry, dependencies: [reachKey('"log".Logger')] });
    assert.deepEqual(index.setDecls('sink/sink.go', 'x/sink', sink('type Sink struct{ n, m int }')), [], 'an edit that leads nowhere near a logger');
    assert.deepEqual(index.setDecls('sink/sink.go', 'x/sink', sink('import "log"\n\ntype Sink = log.Logger')), ['order/pay.go'], 'sink.Sink became the logger');
    assert.deepEqual(index.undeclare('sink/sink.go'), ['order/pay.go'], 'and stopped being one');
  });

  it('names a file that asked what its module imports among those to analyse again when that changes, and only then', () => {
    const index = new WorkspaceIndex();
    const obs = (imports: string) => scanDeclarations(`package obs\n\nimport (${imports})\n\nfunc Init() {}\n`, () => 'x/obs');
    index.setDecls('obs/obs.go', 'x/obs', obs('"fmt"'));
    index.setDecls('api/main.go', 'x/api', scanDeclarations('package main\n\nimport "log"\n', () => 'x/api'));
    index.setDecls('other/o.go', 'y/other', scanDeclarations('package other\n', () => 'y/other'));
    const entry = { summary: { location: { path: 'api/main.go', modulePath: 'x', packageDir: 'api', domain: '', goVersion: '' }, facts: {}, directives: [] }, findings: [] };
    index.set('api/main.go', { ...entry, dependencies: [importsKey('x', 'x/api', ['go.uber.org/zap'])] });
    assert.deepEqual(index.setDecls('obs/obs.go', 'x/obs', obs('"fmt"; "os"')), [], 'an import nobody asked about');
    assert.deepEqual(index.setDecls('other/o.go', 'y/other', scanDeclarations('package other\n\nimport "go.uber.org/zap"\n', () => 'y/other')), [], 'zap in another module');
    assert.deepEqual(index.setDecls('obs/obs.go', 'x/obs', obs('"go.uber.org/zap"')), ['api/main.go'], 'zap in the module');
    assert.deepEqual(index.undeclare('obs/obs.go'), ['api/main.go'], 'and gone again');
  });

  it('names a file that asked which functions may loop forever among those to analyse again when that changes, and only then', () => {
    const index = new WorkspaceIndex();
    const b = (body: string) => scanDeclarations(`package a\n\n${body}\n`, () => 'x/a');
    const forever = 'func run(ch chan int) {\n\tfor {\n\t\t<-ch\n\t}\n}';
    const leaves = 'func run(ch chan int) {\n\tfor {\n\t\tif <-ch > 0 {\n\t\t\treturn\n\t\t}\n\t}\n}';
    index.setDecls('a/a.go', 'x/a', b('func Use() {}'));
    index.setDecls('a/b.go', 'x/a', b(leaves));
    index.setDecls('c/c.go', 'x/c', b('func Other() {}'));
    const entry = (path: string) => ({ summary: { location: { path, modulePath: 'x', packageDir: path.slice(0, 1), domain: '', goVersion: '' }, facts: {}, directives: [] }, findings: [] });
    index.set('a/a.go', { ...entry('a/a.go'), dependencies: [loopingNamesKey('x/a')] });
    index.set('c/c.go', { ...entry('c/c.go'), dependencies: [loopingNamesKey(EVERY_PACKAGE)] });
    assert.deepEqual(index.setDecls('a/b.go', 'x/a', b(leaves.replace('ch chan int', 'ch <-chan int'))), [], 'a signature changed, no loop');
    assert.deepEqual(index.setDecls('a/b.go', 'x/a', b(forever)).sort(), ['a/a.go', 'c/c.go'], 'run() may now loop forever');
    assert.deepEqual(index.setDecls('a/b.go', 'x/a', b(forever.replace('<-ch', 'println(<-ch)'))), [], 'it still may');
    assert.deepEqual(index.setDecls('a/b.go', 'x/a', b(leaves)).sort(), ['a/a.go', 'c/c.go'], 'and no longer');
    assert.deepEqual(index.setDecls('c/d.go', 'x/c', b(forever)), ['c/c.go'], 'a looping run() in another package: only the question about every package changes');
  });
});
