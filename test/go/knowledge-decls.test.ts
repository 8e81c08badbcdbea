/** The knowledge index is built from declarations the build read from the library stubs: they must be the stubs' own. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWLEDGE_DECLS } from '../../server/src/go/knowledge/generated/decls';
import { scanLibraryStubs } from '../../server/src/go/knowledge/knowledge-decls';
import { knowledgeIndex } from '../../server/src/go/knowledge';

describe('the library stubs read at build time', () => {
  it('are what the scanner reads from the stubs now', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(KNOWLEDGE_DECLS)), JSON.parse(JSON.stringify(scanLibraryStubs())));
    assert.ok(KNOWLEDGE_DECLS.length > 20);
  });

  it('answer the index\'s lookups', () => {
    assert.ok(knowledgeIndex().lookupFunc('database/sql', 'Open')?.includes('"database/sql".DB'));
  });
});
