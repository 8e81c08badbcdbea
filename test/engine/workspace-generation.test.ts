/**
 * An analysis that ran in a worker while another file's declarations changed read the old ones: the index tells
 * the language server so (changedSince), for the declarations that analysis looked up and no others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/engine/workspace-index';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { memberKey, reachKey } from '../../server/src/go/type-index';

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
});
