/** One table-driven runner over every fixture folder: wants must match findings exactly, goldens must match fixes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../server/src/engine/analyze';
import { applyEdits } from '../server/src/engine/edits';
import { planChosenFixes } from '../server/src/engine/fix-all';
import { parseGo } from '../server/src/go/parser';
import type { Finding } from '../server/src/engine/types';
import { FixtureCase, fixtureRuleDirs, loadLayoutCases, loadRuleCases, readWants } from './support/fixtures';
import { FIXTURES_DIR, gofmtProblem } from './support/repo';

function key(path: string, line: number, ruleId: string): string {
  return `${path}:${line + 1}: ${ruleId}`;
}

function multiset(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function difference(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, n] of a) for (let i = (b.get(k) ?? 0); i < n; i++) out.push(k);
  return out;
}

async function checkWants(fixture: FixtureCase): Promise<Finding[]> {
  const wants = fixture.sources.flatMap((s) => readWants(s.path, s.text));
  const checked = new Set([fixture.ruleId, ...wants.map((w) => w.ruleId)]);
  const result = await analyzeSources(fixture.sources, fixture.settings, fixture.modules);
  assert.deepEqual(result.problems, [], 'the engine reported problems');
  // A layout is checked against every rule: nothing may be reported that the case does not want.
  const findings = fixture.ruleId === '*' ? result.findings : result.findings.filter((f) => checked.has(f.ruleId));
  const expected = multiset(wants.map((w) => key(w.path, w.line, w.ruleId)));
  const actual = multiset(findings.map((f) => key(f.path, f.range.start.line, f.ruleId)));
  const missing = difference(expected, actual);
  const unexpected = difference(actual, expected).map((k) => {
    const f = findings.find((x) => key(x.path, x.range.start.line, x.ruleId) === k);
    return `${k} (${f?.message})`;
  });
  assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
  return fixture.ruleId === '*' ? findings : findings.filter((f) => f.ruleId === fixture.ruleId);
}

async function checkGoldens(fixture: FixtureCase, findings: Finding[]): Promise<void> {
  const indexes = new Set([...fixture.goldens.values()].flatMap((m) => [...m.keys()]));
  for (const index of indexes) {
    // Fix #index of every finding, applied together the way fix-all applies them (groups combined).
    const chosen = findings.flatMap((finding) => (finding.fixes[index - 1] ? [{ path: finding.path, fix: finding.fixes[index - 1] }] : []));
    const plan = planChosenFixes(chosen);
    assert.equal(plan.deferred, 0, `fix #${index}: ${plan.deferred} fixes overlap others`);
    const edits = plan.edits;
    assert.ok(edits.size > 0, `fix #${index}: no finding of ${fixture.ruleId} offers a fix #${index}`);
    const fixed = fixture.sources.map((s) => ({ path: s.path, text: edits.has(s.path) ? applyEdits(s.text, edits.get(s.path)!) : s.text }));
    for (const path of edits.keys()) {
      assert.ok(fixture.goldens.get(path)?.has(index), `fix #${index} edits ${path}, which has no ${path}${index === 1 ? '' : '.' + index}.golden`);
    }
    for (const [path, byIndex] of fixture.goldens) {
      const golden = byIndex.get(index);
      if (golden === undefined) continue;
      const output = fixed.find((s) => s.path === path)!.text;
      assert.equal(output, golden, `fix #${index} of ${path} differs from its golden`);
      const tree = await parseGo(output);
      try {
        assert.equal(tree.rootNode.hasError, false, `fix #${index} of ${path} leaves a syntax error`);
      } finally {
        tree.delete();
      }
      assert.equal(gofmtProblem(output), null, `fix #${index} of ${path}`);
    }
    const after = await analyzeSources(fixed, fixture.settings, fixture.modules);
    const remaining = after.findings.filter((f) => fixture.ruleId === '*' || f.ruleId === fixture.ruleId).length;
    assert.ok(remaining < findings.length, `fix #${index} left ${remaining} of ${findings.length} ${fixture.ruleId} findings`);
  }
}

describe('fixtures: layouts (every rule, across files and packages)', () => {
  const cases = loadLayoutCases(FIXTURES_DIR);
  it('has layout cases', () => assert.ok(cases.length > 0));
  for (const fixture of cases) {
    it(fixture.name, async () => {
      const findings = await checkWants(fixture);
      if (fixture.goldens.size > 0) await checkGoldens(fixture, findings);
    });
  }
});

for (const ruleId of fixtureRuleDirs(FIXTURES_DIR)) {
  describe(`fixtures: ${ruleId}`, () => {
    for (const fixture of loadRuleCases(FIXTURES_DIR, ruleId)) {
      it(fixture.name, async () => {
        const findings = await checkWants(fixture);
        if (fixture.goldens.size > 0) await checkGoldens(fixture, findings);
      });
    }
  });
}
