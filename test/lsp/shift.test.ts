/** Carrying cross-file findings through edits typed since they were computed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shiftFinding, shiftPosition, shiftRange } from '../../server/src/lsp/shift';
import type { Finding } from '../../server/src/engine/types';

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, text: string) => ({ range: { start: at(line, character), end: at(line, character) }, text });

describe('shifting positions through edits', () => {
  it('leaves positions before the change alone', () => {
    assert.deepEqual(shiftPosition(at(1, 4), insert(3, 0, 'x\n')), at(1, 4));
    assert.deepEqual(shiftPosition(at(3, 1), insert(3, 2, 'xyz')), at(3, 1));
  });

  it('moves positions after the change by the lines and columns it added or removed', () => {
    assert.deepEqual(shiftPosition(at(5, 2), insert(3, 0, 'a\nb\n')), at(7, 2));
    assert.deepEqual(shiftPosition(at(3, 6), insert(3, 2, '世界')), at(3, 8));
    assert.deepEqual(shiftPosition(at(3, 6), insert(3, 2, 'ab\ncd')), at(4, 6));
    const removeLine = { range: { start: at(2, 0), end: at(3, 0) }, text: '' };
    assert.deepEqual(shiftPosition(at(5, 1), removeLine), at(4, 1));
    const joinLines = { range: { start: at(2, 7), end: at(3, 1) }, text: ' ' };
    assert.deepEqual(shiftPosition(at(3, 5), joinLines), at(2, 12));
  });

  it('collapses positions inside replaced text to its start', () => {
    const replace = { range: { start: at(2, 3), end: at(4, 0) }, text: 'z' };
    assert.deepEqual(shiftPosition(at(3, 9), replace), at(2, 3));
  });

  it('applies changes in order', () => {
    const range = { start: at(4, 1), end: at(4, 6) };
    assert.deepEqual(shiftRange(range, [insert(0, 0, '// a\n'), insert(0, 0, '// b\n'), { range: { start: at(0, 0), end: at(1, 0) }, text: '' }]), { start: at(5, 1), end: at(5, 6) });
  });

  it('moves a finding and its same-file related places, and drops its fixes', () => {
    const finding: Finding = {
      ruleId: 'db-shared-pool',
      path: 'a.go',
      range: { start: at(4, 4), end: at(4, 6) },
      severity: 'warning',
      messageId: 'shared',
      message: 'shared',
      related: [
        { path: 'a.go', range: { start: at(9, 0), end: at(9, 2) }, message: 'here' },
        { path: 'b.go', range: { start: at(9, 0), end: at(9, 2) }, message: 'there' },
      ],
      fixes: [{ title: 'split', safe: false, edits: [] }],
    };
    const moved = shiftFinding(finding, 'a.go', [insert(1, 0, '\n')]);
    assert.deepEqual(moved.range.start, at(5, 4));
    assert.deepEqual(moved.related.map((r) => r.range.start.line), [10, 9]);
    assert.deepEqual(moved.fixes, []);
  });
});
