/**
 * A new worker pool gets the folder's whole index in slices, this thread yielding between them: a slice must stay
 * small whatever the files hold, or its serialisation holds the keys typed meanwhile.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replaySlices } from '../../server/src/lsp/folder-workers';

describe('replaySlices', () => {
  const paths = (count: number, prefix = 'f') => Array.from({ length: count }, (_, i) => `${prefix}${i}.go`);

  it('keeps every path once, in order, in slices of at most 200 files', () => {
    const all = paths(450);
    const slices = replaySlices(all, () => 1);
    assert.deepEqual(slices.map((s) => s.length), [200, 200, 50]);
    assert.deepEqual(slices.flat(), all);
  });

  it('cuts by declarations too: a file of thousands of constants goes alone, its neighbours in their own slices', () => {
    const all = [...paths(10, 'a'), 'zerrors.go', ...paths(10, 'b')];
    const slices = replaySlices(all, (path) => (path === 'zerrors.go' ? 9316 : 30));
    assert.deepEqual(slices.map((s) => s.length), [10, 1, 10]);
    assert.deepEqual(slices[1], ['zerrors.go']);
    assert.deepEqual(slices.flat(), all);
  });

  it('holds about 1,500 declarations a slice', () => {
    const slices = replaySlices(paths(100), () => 100);
    assert.deepEqual(slices.map((s) => s.length), Array(6).fill(15).concat([10]));
  });

  it('sends one empty slice for an empty index: the message that resets the workers', () => {
    assert.deepEqual(replaySlices([], () => 0), [[]]);
  });
});
