/** Schema work (migrations, installs, seeds, DDL) is reported apart: its own severity, never a timeout fix. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { applyConfigObject, defaultSettings, RuleLevel } from '../../server/src/engine/config';
import { loadRuleCases } from '../support/fixtures';
import { FIXTURES_DIR } from '../support/repo';

const fixture = loadRuleCases(FIXTURES_DIR, 'db-no-context').find((c) => c.name === 'migrations/')!;

async function findings(migrations?: RuleLevel) {
  const settings = defaultSettings();
  if (migrations) settings.migrations = migrations;
  const result = await analyzeSources(fixture.sources, settings, fixture.modules);
  return result.findings.filter((f) => f.ruleId === 'db-no-context');
}

describe('db findings in migration code', () => {
  it('are information without a timeout fix; the request path keeps its warning and fix', async () => {
    const all = await findings();
    const count = all.find((f) => f.path === 'internal/user/repo.go' && f.message.startsWith('db.QueryRow'));
    assert.ok(count, 'the request-path query is reported');
    assert.equal(count.severity, 'warning');
    assert.ok(count.fixes.some((f) => f.title.includes('timeout')), 'the request path keeps its timeout fix');
    const schema = all.filter((f) => f !== count);
    assert.equal(schema.length, 5);
    for (const finding of schema) {
      assert.equal(finding.severity, 'info', `${finding.path}:${finding.range.start.line + 1}`);
      assert.deepEqual(finding.fixes.filter((f) => f.title.includes('timeout')), [], `${finding.path} is offered a timeout`);
    }
  });

  it('follow the migrations setting, off included', async () => {
    assert.equal((await findings('off')).length, 1);
    assert.ok((await findings('warning')).every((f) => f.severity === 'warning'));
  });

  it('take the migrations setting from .go-traps.json, and name a bad value while the default stands', async () => {
    const loaded = applyConfigObject({ migrations: 'warning' }, ['db-no-context']);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.settings.migrations, 'warning');
    const result = await analyzeSources(fixture.sources, loaded.settings, fixture.modules);
    const all = result.findings.filter((f) => f.ruleId === 'db-no-context');
    const schema = all.filter((f) => !(f.path === 'internal/user/repo.go' && f.message.startsWith('db.QueryRow')));
    assert.equal(schema.length, 5);
    assert.ok(schema.every((f) => f.severity === 'warning'));
    // The default is information: the same code without the file's setting.
    const plain = await analyzeSources(fixture.sources, applyConfigObject({}, ['db-no-context']).settings, fixture.modules);
    assert.equal(plain.findings.filter((f) => f.ruleId === 'db-no-context' && f.severity === 'info').length, 5);
    const bad = applyConfigObject({ migrations: 'loud' }, ['db-no-context']);
    assert.equal(bad.settings.migrations, 'info');
    assert.deepEqual(bad.problems.map((p) => p.key), ['migrations']);
    assert.match(bad.problems[0].message, /error.*warning.*info.*hint.*off/);
  });
});

describe('db-no-context fixes that would break what the call hands on', () => {
  it('offers no timeout where the transaction or rows leave the function, and uses a context the function holds', async () => {
    const source = loadRuleCases(FIXTURES_DIR, 'db-no-context').find((c) => c.name === 'tx_and_schema.go')!;
    const result = await analyzeSources(source.sources, defaultSettings(), source.modules);
    const at = (line: number) => result.findings.find((f) => f.ruleId === 'db-no-context' && f.range.start.line === line - 1)!;
    const titles = (line: number) => at(line).fixes.map((f) => f.title);
    assert.deepEqual(titles(23), [], 'Begin returned');
    assert.deepEqual(titles(28), [], 'rows returned');
    assert.deepEqual(titles(45), ['Use ExecContext with ctx']);
    for (const line of [53, 61, 64]) {
      assert.equal(at(line).severity, 'info', `line ${line} is schema work`);
      assert.deepEqual(titles(line), [], `line ${line} gets no timeout`);
      assert.match(at(line).message, /no timeout is offered/, `line ${line} says why there is no timeout`);
    }
  });

  it('reads a maintenance statement through the local that holds it (listmonk RefreshMatView)', async () => {
    const source = loadRuleCases(FIXTURES_DIR, 'db-no-context').find((c) => c.name === 'views.go')!;
    const result = await analyzeSources(source.sources, defaultSettings(), source.modules);
    const at = (text: string) => result.findings.find((f) => f.ruleId === 'db-no-context' && f.message.startsWith(text))!;
    const refresh = at('c.db.Exec');
    assert.equal(refresh.severity, 'info');
    assert.deepEqual(refresh.fixes, []);
    assert.match(refresh.message, /no timeout is offered/);
    const count = at('c.db.QueryRow');
    assert.equal(count.severity, 'warning', 'an ordinary query held in a local');
    assert.deepEqual(count.fixes.map((f) => f.title), ['Use QueryRowContext with a new 800ms timeout context']);
    assert.doesNotMatch(count.message, /no timeout is offered/);
  });
});
