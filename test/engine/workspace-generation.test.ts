/**
 * An analysis that ran in a worker while another file's declarations changed read the old ones: the index tells
 * the language server so (changedSince), for the declarations that analysis looked up and no others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/engine/workspace-index';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { memberKey } from '../../server/src/go/type-index';

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
});
