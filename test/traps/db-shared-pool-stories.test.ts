/**
 * What db-shared-pool says, not only where: the fixture runner checks lines, these check the story each finding
 * tells on the layouts taken from real services (bench/results/realcode.md W1–W6).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { loadLayoutCases, loadRuleCases } from '../support/fixtures';
import { FIXTURES_DIR } from '../support/repo';

const RULE = 'db-shared-pool';

async function findingsOf(ruleDir: string, name: string) {
  const cases = ruleDir === 'layouts' ? loadLayoutCases(FIXTURES_DIR) : loadRuleCases(FIXTURES_DIR, ruleDir);
  const fixture = cases.find((c) => c.name === name + '/');
  assert.ok(fixture, `no fixture ${ruleDir}/${name}`);
  const result = await analyzeSources(fixture.sources, fixture.settings, fixture.modules);
  return result.findings.filter((f) => f.ruleId === RULE);
}

describe('db-shared-pool stories', () => {
  it('tells the batch-beside-requests story where API front-ends and a batch runner share one pool (W6)', async () => {
    const [finding, ...more] = await findingsOf(RULE, 'feed-reader');
    assert.equal(more.length, 0);
    assert.equal(finding.messageId, 'batchBesideInteractive');
    assert.equal(finding.path, 'internal/cli/daemon.go');
    assert.match(finding.message, /batch work \(worker\)/);
    // Front-ends and the collector are not business domains: the message must not list them as such.
    assert.doesNotMatch(finding.message, /domains/);
    const related = finding.related.map((r) => `${r.path} ${r.message}`);
    assert.deepEqual(related, ['internal/cli/daemon.go batch work: worker', 'internal/cli/daemon.go request handling: fever']);
  });

  it('follows a pool into a struct built with positional fields (&Storage{db})', async () => {
    const [finding] = await findingsOf(RULE, 'feed-reader');
    // Reported at the open, where the pool is made, not at the storage field it was handed to.
    assert.equal(finding.range.start.line, 18);
  });

  it('reports a package variable assigned at start-up and on reload once (W2)', async () => {
    const findings = await findingsOf('layouts', 'reloaded-global');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].messageId, 'shared');
    assert.match(findings[0].message, /^global\.DB \(\*gorm\.DB\) is one connection pool drawn on by 2 domains \(media, system\)/);
  });

  it('reports one pool opened in one switch branch per driver once, at the first open (W1)', async () => {
    const findings = await findingsOf('layouts', 'gotify-dialects');
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.line + 1}`), ['database/database.go:20']);
    assert.match(findings[0].message, /drawn on by 2 domains \(auth, plugin\)/);
  });

  it('stays silent on a parameter (W3) and on two programs with a pool each (W5)', async () => {
    assert.deepEqual(await findingsOf('layouts', 'pool-parameter'), []);
    assert.deepEqual(await findingsOf('layouts', 'two-services'), []);
  });
});
