/**
 * With worker threads, each worker keeps the declarations it read in the first pass and is sent only the others'
 * (WorkerPool.share): every layout (declarations across files and packages) must be analysed by two real workers
 * exactly as on this thread alone.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/pipeline';
import type { Finding } from '../../server/src/engine/types';
import { loadLayoutCases } from '../support/fixtures';
import { FIXTURES_DIR, REPO_ROOT } from '../support/repo';

const WORKER = path.join(REPO_ROOT, 'server/out/analysis-worker.js');
const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.path}:${f.range.start.line + 1}: ${f.ruleId} ${f.message}`);

describe('two workers, each keeping its own declarations', () => {
  const cases = loadLayoutCases(FIXTURES_DIR);
  for (const fixture of cases) {
    it(`finds on ${fixture.name} what one thread finds`, async () => {
      const texts = new Map(fixture.sources.map((s) => [s.path, s.text]));
      const paths = [...texts.keys()];
      const alone = await analyze(paths, (p) => texts.get(p)!, fixture.settings, fixture.modules);
      const pooled = await analyze(paths, (p) => texts.get(p)!, fixture.settings, fixture.modules, {
        jobs: 2,
        workerScript: WORKER,
        fsPathOf: (p) => path.join(fixture.root, p),
        oneWorkerUpTo: 0,
      });
      assert.deepEqual(pooled.problems, []);
      assert.deepEqual(brief(pooled.findings), brief(alone.findings));
    });
  }

  it('finds with one worker for a few files what one thread finds', async () => {
    const fixture = cases.find((c) => c.name === 'struct-split/')!;
    const texts = new Map(fixture.sources.map((s) => [s.path, s.text]));
    const paths = [...texts.keys()];
    const alone = await analyze(paths, (p) => texts.get(p)!, fixture.settings, fixture.modules);
    const pooled = await analyze(paths, (p) => texts.get(p)!, fixture.settings, fixture.modules, { jobs: 2, workerScript: WORKER, fsPathOf: (p) => path.join(fixture.root, p) });
    assert.ok(alone.findings.length > 0);
    assert.deepEqual(brief(pooled.findings), brief(alone.findings));
  });

  it('has layouts whose findings need another file\'s declarations', () => {
    assert.ok(cases.some((c) => c.name === 'store-package/') && cases.some((c) => c.name === 'struct-split/'));
  });
});
