/** Fix-all's plan: safe fixes without overlaps, and fix groups applied as one when every member is taken. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planChosenFixes, planFixes } from '../../server/src/engine/fix-all';
import type { FileEdit, Finding, Fix, FixGroup } from '../../server/src/engine/types';

const edit = (line: number, text: string, from = 0, to = from): FileEdit => ({
  path: 'a.go',
  range: { start: { line, character: from }, end: { line, character: to } },
  newText: text,
});

const fix = (edits: FileEdit[], group?: FixGroup, safe = true): Fix => ({ title: 't', edits, safe, ...(group ? { group } : {}) });

const finding = (line: number, fixes: Fix[]): Finding => ({
  ruleId: 'r',
  path: 'a.go',
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  severity: 'warning',
  messageId: 'm',
  message: 'm',
  related: [],
  fixes,
});

describe('fix-all plan', () => {
  const combined = [edit(1, 'A', 0, 3), edit(2, 'B', 0, 3), edit(0, '', 0, 5)];
  const members = () => [
    fix([edit(1, 'A', 0, 3), edit(9, 'import')], { id: 'g', size: 2, combined }),
    fix([edit(2, 'B', 0, 3), edit(9, 'import')], { id: 'g', size: 2 }),
  ];

  it('applies a complete group as its combined edits, once', () => {
    const [a, b] = members();
    const plan = planFixes([finding(1, [a]), finding(2, [b])]);
    assert.deepEqual(plan.edits.get('a.go'), combined);
    assert.deepEqual({ applied: plan.applied, deferred: plan.deferred }, { applied: 2, deferred: 0 });
  });

  it('applies the members of an incomplete group one by one (a member unsafe or missing keeps what they share)', () => {
    const [a, b] = members();
    const unsafe = { ...b, safe: false };
    const plan = planFixes([finding(1, [a]), finding(2, [unsafe])]);
    assert.deepEqual(plan.edits.get('a.go'), a.edits);
    const alone = planFixes([finding(1, [a])]);
    assert.deepEqual(alone.edits.get('a.go'), a.edits);
  });

  it('holds a whole group back when its combined edits overlap a fix taken before it', () => {
    const [a, b] = members();
    const other = fix([edit(0, 'X', 1, 2)]);
    const plan = planFixes([finding(0, [other]), finding(1, [a]), finding(2, [b])]);
    assert.deepEqual(plan.edits.get('a.go'), other.edits);
    assert.deepEqual({ applied: plan.applied, deferred: plan.deferred }, { applied: 1, deferred: 2 });
  });

  it('applies a group without combined edits member by member, sharing identical import edits', () => {
    const a = fix([edit(1, 'A', 0, 3), edit(9, 'import')], { id: 'g', size: 2 });
    const b = fix([edit(2, 'B', 0, 3), edit(9, 'import')], { id: 'g', size: 2 });
    const plan = planChosenFixes([{ path: 'a.go', fix: a }, { path: 'a.go', fix: b }]);
    assert.deepEqual(plan.edits.get('a.go'), [edit(1, 'A', 0, 3), edit(9, 'import'), edit(2, 'B', 0, 3)]);
  });

  it('keeps groups of different files apart', () => {
    const [a, b] = members();
    const plan = planChosenFixes([{ path: 'a.go', fix: a }, { path: 'b.go', fix: b }]);
    assert.deepEqual(plan.edits.get('a.go'), [...a.edits, b.edits[0]]);
  });
});
