/** The split model at and around every threshold and signal line. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decideSplit, SIGNAL_LINES, SPLIT_THRESHOLDS, SplitInputError, validateSplitInput } from '../server/src/architecture/split-model';
import type { SplitInput } from '../server/src/protocol';
import { REPO_ROOT } from './support/repo';

const calm: SplitInput = { qps: 1000, teamSize: 4, couplingScore: 0.2 };

describe('split model thresholds', () => {
  it('converges when every input is below its line', () => {
    const decision = decideSplit(calm);
    assert.equal(decision.split, false);
    assert.deepEqual(decision.reasons, []);
    assert.equal(decision.verdict, 'Converge: fix the monolith first');
    assert.deepEqual(decision.actions, []);
  });

  const cases: [string, Partial<SplitInput>, boolean][] = [
    ['qps 5000 (at the line)', { qps: 5000 }, false],
    ['qps 5001', { qps: 5001 }, true],
    ['qps 4999', { qps: 4999 }, false],
    ['team 8 (at the line)', { teamSize: 8 }, false],
    ['team 9', { teamSize: 9 }, true],
    ['team 7', { teamSize: 7 }, false],
    ['coupling 0.65 (at the line)', { couplingScore: 0.65 }, false],
    ['coupling 0.66', { couplingScore: 0.66 }, true],
    ['coupling 0.651', { couplingScore: 0.651 }, true],
    ['coupling 0.64', { couplingScore: 0.64 }, false],
  ];
  for (const [name, change, split] of cases) {
    it(`${name} → ${split ? 'split' : 'converge'}`, () => {
      const decision = decideSplit({ ...calm, ...change });
      assert.equal(decision.split, split);
      assert.equal(decision.reasons.length, split ? 1 : 0);
      assert.equal(decision.verdict.startsWith(split ? 'Split' : 'Converge'), true, decision.verdict);
    });
  }

  it('names every threshold crossed, in model order', () => {
    const decision = decideSplit({ qps: 9000, teamSize: 12, couplingScore: 0.9 });
    assert.deepEqual(decision.reasons, ['qps', 'team', 'coupling']);
    assert.match(decision.verdict, /circuit breaker/);
    assert.match(decision.verdict, /only technical reason/);
  });

  it('exports the thresholds the field guide states', () => {
    assert.deepEqual({ ...SPLIT_THRESHOLDS }, { qps: 5000, teamSize: 8, couplingScore: 0.65 });
    assert.deepEqual({ ...SIGNAL_LINES }, { slowestResponseMs: 200, releasesPerDay: 8, crossModuleCallShare: 0.4 });
  });

  it('treats missing or non-numeric inputs as not crossing', () => {
    const decision = decideSplit({ qps: Number.NaN, teamSize: Number.POSITIVE_INFINITY, couplingScore: 0.1 });
    assert.equal(decision.split, false);
  });
});

describe('split model signals', () => {
  const signal = (change: Partial<SplitInput>) => decideSplit({ ...calm, ...change });

  it('response time 200 ms is quiet, 201 ms asks for indexes and cache penetration', () => {
    assert.deepEqual(signal({ slowestResponseMs: 200 }).actions, []);
    assert.deepEqual(signal({ slowestResponseMs: 199 }).actions, []);
    const actions = signal({ slowestResponseMs: 201 }).actions;
    assert.equal(actions.length, 1);
    assert.match(actions[0], /indexes and cache penetration/);
  });

  it('7 releases a day are quiet, 8 ask for feature flags', () => {
    assert.deepEqual(signal({ releasesPerDay: 7 }).actions, []);
    assert.match(signal({ releasesPerDay: 8 }).actions.join(), /feature flags/);
    assert.match(signal({ releasesPerDay: 9 }).actions.join(), /feature flags/);
  });

  it('40% cross-module calls are quiet, 41% ask to merge the boundary or add a BFF', () => {
    assert.deepEqual(signal({ crossModuleCallShare: 0.4 }).actions, []);
    assert.deepEqual(signal({ crossModuleCallShare: 0.39 }).actions, []);
    assert.match(signal({ crossModuleCallShare: 0.41 }).actions.join(), /merge the boundary domains or add a BFF/);
  });

  it('signals never split by themselves: the answer stays converge, with the actions', () => {
    const decision = signal({ slowestResponseMs: 900, releasesPerDay: 20, crossModuleCallShare: 0.9 });
    assert.equal(decision.split, false);
    assert.equal(decision.actions.length, 3);
    assert.equal(decision.verdict, 'Converge: fix the monolith first');
  });

  it('lists every check with its value and whether it fired', () => {
    const decision = signal({ releasesPerDay: 8 });
    assert.deepEqual(
      decision.checks?.map((c) => [c.id, c.fired, c.value]),
      [['qps', false, 1000], ['team', false, 4], ['coupling', false, 0.2], ['responseTime', false, undefined], ['releases', true, 8], ['crossCalls', false, undefined]],
    );
  });

  it('speaks Simplified Chinese when asked', () => {
    const decision = decideSplit({ ...calm, releasesPerDay: 10 }, 'zh-cn');
    assert.equal(decision.verdict, '收敛:先把单体治理好');
    assert.match(decision.actions[0], /Feature Flag/);
    assert.match(decideSplit({ ...calm, qps: 6000 }, 'zh-cn').verdict, /^拆分/);
  });
});

describe('go-traps split (CLI)', () => {
  const cli = path.join(REPO_ROOT, 'server/out/cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'split', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('measures coupling from the paths when --coupling is omitted', () => {
    const result = run('--qps', '1000', '--team', '5', '--format', 'json', 'test/coupling-fixtures/tight');
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout);
    assert.ok(output.input.couplingScore > 0.65);
    assert.equal(output.decision.split, true);
    assert.deepEqual(output.decision.reasons, ['coupling']);
    assert.deepEqual(output.coupling.domains, ['coupon', 'order', 'user']);
  });

  it('takes --coupling as given, without measuring', () => {
    const result = run('--qps', '5000', '--team', '8', '--coupling', '0.65', '--releases', '8', '--format', 'json', 'test/coupling-fixtures/tight');
    const output = JSON.parse(result.stdout);
    assert.equal(output.decision.split, false);
    assert.equal(output.coupling, undefined);
    assert.equal(output.decision.actions.length, 1);
  });

  it('prints the verdict first in text form', () => {
    const result = run('--qps', '100', '--team', '3', 'test/coupling-fixtures/loose');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Converge: fix the monolith first\n/);
    assert.match(result.stdout, /coupling 0\.\d\d measured from 6 files, domains: coupon, order, user/);
  });

  it('rejects bad input with exit status 2', () => {
    assert.equal(run('--qps', 'lots', '--team', '3').status, 2);
    assert.equal(run('--team', '3').status, 2);
    assert.equal(run('--qps', '1', '--team', '3', '--coupling', '1.5').status, 2);
  });
});

describe('split input from a client', () => {
  it('is refused, naming each bad field, unless it is numbers in range', () => {
    const refused: [unknown, RegExp][] = [
      [null, /expected an object/],
      ['qps=9000', /expected an object/],
      [{ qps: '9000', teamSize: 4, couplingScore: 0.2 }, /qps must be a number/],
      [{ qps: -1, teamSize: 4, couplingScore: 0.2 }, /qps must be a number of 0 or more, not -1/],
      [{ qps: 1, teamSize: 4 }, /couplingScore must be/],
      [{ qps: 1, teamSize: 4, couplingScore: 7 }, /couplingScore must be a number of 0 or more and at most 1/],
      [{ ...calm, crossModuleCallShare: 2, releasesPerDay: {} }, /releasesPerDay.*; |crossModuleCallShare.*; /],
    ];
    for (const [raw, message] of refused) assert.throws(() => validateSplitInput(raw), (e: Error) => e instanceof SplitInputError && message.test(e.message), JSON.stringify(raw));
    assert.deepEqual(validateSplitInput({ ...calm, slowestResponseMs: null, releasesPerDay: 3, extra: 'ignored' }), { ...calm, releasesPerDay: 3 });
  });
});
