/**
 * The example workspace (`test-fixtures/workspace`, what `npm start` and the end-to-end tests open) shows every
 * trap: each registered rule fires there, and the shared pool is traced into the user, order and coupon domains.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeSources, AnalyzeResult } from '../server/src/engine/analyze';
import { defaultSettings } from '../server/src/engine/config';
import { parseGoModPath } from '../server/src/engine/domains';
import { applyEdits } from '../server/src/engine/edits';
import { parseGo } from '../server/src/go/parser';
import { RULES } from '../server/src/traps/index';
import { FIXTURES_DIR, gofmtProblem } from './support/repo';

const ROOT = path.join(FIXTURES_DIR, 'workspace');

function goFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return goFiles(full);
      return name.endsWith('.go') ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
    });
}

const sources = goFiles(ROOT).map((p) => ({ path: p, text: readFileSync(path.join(ROOT, p), 'utf8') }));
const modules = [{ root: '', path: parseGoModPath(readFileSync(path.join(ROOT, 'go.mod'), 'utf8')) }];

describe('example workspace', () => {
  let result: AnalyzeResult;
  before(async () => {
    result = await analyzeSources(sources, defaultSettings(), modules);
  });

  it('is a small, readable module', () => {
    assert.equal(modules[0].path, 'example.com/shop');
    assert.ok(sources.length >= 10 && sources.length <= 14, `${sources.length} Go files`);
    for (const source of sources) assert.ok(source.text.split('\n').length <= 150, `${source.path} is over 150 lines`);
  });

  it('analyses without problems', () => {
    assert.deepEqual(result.problems, []);
  });

  it('reports the shared pool with related locations in the user, order and coupon domains', () => {
    const declarations = result.findings.filter((f) => f.ruleId === 'db-shared-pool' && f.related.length > 1);
    assert.ok(declarations.length > 0, 'no db-shared-pool finding at a handle declaration');
    const related = declarations.flatMap((f) => f.related.map((r) => r.path));
    for (const domain of ['user', 'order', 'coupon']) {
      assert.ok(related.some((p) => p.startsWith(`internal/${domain}/`)), `no related location in internal/${domain}/: ${related.join(', ')}`);
    }
  });

  it('offers a split of the shared pool that leaves valid, gofmt-clean Go and no shared pool', async () => {
    const finding = result.findings.find((f) => f.ruleId === 'db-shared-pool' && f.fixes.length > 0);
    assert.ok(finding, 'no db-shared-pool finding offers a fix');
    const fix = finding.fixes[0];
    assert.equal(fix.safe, false, 'splitting pools changes wiring: it must wait for a person');
    const fixed = sources.map((s) => {
      const edits = fix.edits.filter((e) => e.path === s.path);
      return edits.length ? { path: s.path, text: applyEdits(s.text, edits) } : s;
    });
    for (const path of new Set(fix.edits.map((e) => e.path))) {
      const text = fixed.find((s) => s.path === path)!.text;
      const tree = await parseGo(text);
      try {
        assert.equal(tree.rootNode.hasError, false, `${path} has a syntax error after the fix`);
      } finally {
        tree.delete();
      }
      assert.equal(gofmtProblem(text), null, path);
    }
    const after = await analyzeSources(fixed, defaultSettings(), modules);
    assert.deepEqual(after.findings.filter((f) => f.ruleId === 'db-shared-pool'), []);
  });

  // Grows with the registry: a newly registered trap rule must show up in the example too.
  for (const rule of RULES.filter((r) => r.meta.trap !== 'meta')) {
    it(`shows ${rule.meta.id}`, () => {
      assert.ok(result.findings.some((f) => f.ruleId === rule.meta.id), `${rule.meta.id} does not fire in test-fixtures/workspace`);
    });
  }
});
