/**
 * The goroutine rules stay linear on pathological files: thousands of goroutines in one function, a thousand
 * nested `go func() {`, thousands of nested loops and reads. Each case counts the calls of `node.parent` (in
 * tree-sitter a walk down from the root past every sibling, so walking up with it is what made these files take
 * minutes) and keeps a generous limit on the CPU time of the analysis (CPU, not wall time: the machines that run
 * the tests are shared); measured figures are in bench/results/goroutines.md.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import { parseGo } from '../../server/src/go/parser';
import { GOROUTINE_RULES, pathological } from '../support/goroutine-cases';

/** Generous: each case takes a few hundred milliseconds of CPU; the quadratic code took minutes. */
const CPU_LIMIT_MS = 3000;

async function countingParents<T>(work: () => Promise<T>): Promise<{ result: T; parents: number }> {
  const tree = await parseGo('package p\n');
  const proto = Object.getPrototypeOf(tree.rootNode);
  tree.delete();
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'parent')!;
  let parents = 0;
  Object.defineProperty(proto, 'parent', {
    ...descriptor,
    get(this: unknown) {
      parents++;
      return descriptor.get!.call(this);
    },
  });
  try {
    return { result: await work(), parents };
  } finally {
    Object.defineProperty(proto, 'parent', descriptor);
  }
}

describe('goroutine rules on pathological files', () => {
  const settings = defaultSettings();
  for (const rule of GOROUTINE_RULES) settings.rules[rule] = 'warning';
  for (const [id] of Object.entries(settings.rules)) if (!GOROUTINE_RULES.includes(id)) settings.rules[id] = 'off';
  for (const testCase of pathological()) {
    it(`${testCase.name}: ${testCase.statements} statements`, async () => {
      const started = process.cpuUsage();
      const { result, parents } = await countingParents(() => analyzeSources([{ path: 'big.go', text: testCase.text }], settings));
      const used = process.cpuUsage(started);
      const cpu = (used.user + used.system) / 1000;
      assert.deepEqual(result.problems, []);
      const counts: Record<string, number> = {};
      for (const f of result.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
      assert.deepEqual(counts, testCase.findings, 'findings per rule');
      // A walk up from every node would be statements × depth; linear code asks a few parents per finding.
      assert.ok(parents <= 4 * testCase.statements, `${parents} parent lookups for ${testCase.statements} statements`);
      assert.ok(cpu < CPU_LIMIT_MS, `${cpu.toFixed(0)} ms of CPU`);
    });
  }
});
