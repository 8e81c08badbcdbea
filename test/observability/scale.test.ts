/**
 * Files with 5,000 log calls, spans or metrics (issue 14): every finding carries only its own fix, a file's
 * findings are capped with one notice (log-unstructured: one finding for all of them), and each rule's check
 * grows with the calls, not with their square.
 */
import assert from 'node:assert/strict';
import { describe, it, TestContext } from 'node:test';
import { defaultSettings } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/analyze';
import type { FileContext, FileLocation, FileRule, WorkspaceRule } from '../../server/src/engine/rule';
import type { Finding } from '../../server/src/engine/types';
import { knowledgeIndex } from '../../server/src/go/knowledge';
import { parseGo } from '../../server/src/go/parser';
import { Resolver } from '../../server/src/go/resolver';
import { SourceFile } from '../../server/src/go/source';
import { TypeIndex } from '../../server/src/go/type-index';
import { FINDINGS_PER_FILE } from '../../server/src/traps/observability/finding-budget';
import { RULES } from '../../server/src/traps/index';

const CALLS = 5000;

function ruleById(id: string): FileRule {
  const rule = RULES.find((r) => r.meta.id === id);
  assert.ok(rule && rule.kind === 'file', `no file rule ${id}`);
  return rule;
}

/**
 * Runs one rule over one file the way the engine does; returns its findings and the CPU time of the check. A small
 * file goes first, as in any analysis after the first file: the whole-tree searches have learnt what the rule asks.
 */
async function check(ruleId: string, source: (calls: number) => string): Promise<{ findings: Finding[]; cpuMs: number; smallCpuMs: number }> {
  await checkOnce(ruleId, source(3), '1.22');
  // The better of two runs, each on a fresh tree: the machine is shared, and a run only gets slower by others' load.
  const best = async (text: string) => {
    const runs = [await checkOnce(ruleId, text, '1.22'), await checkOnce(ruleId, text, '1.22')];
    return { findings: runs[0].findings, cpuMs: Math.min(...runs.map((r) => r.cpuMs)) };
  };
  const small = await best(source(CALLS / 5));
  const large = await best(source(CALLS));
  return { findings: large.findings, cpuMs: large.cpuMs, smallCpuMs: small.cpuMs };
}

async function checkOnce(ruleId: string, text: string, goVersion: string): Promise<{ findings: Finding[]; cpuMs: number }> {
  const settings = defaultSettings();
  const engine = new Engine(settings, [ruleById(ruleId)]);
  const location: FileLocation = { path: 'gen/a.go', modulePath: 'example.com/gen', packageDir: 'gen', domain: '', goVersion };
  const tree = await parseGo(text);
  try {
    const file = new SourceFile('gen/a.go', text, tree);
    const index = new TypeIndex(knowledgeIndex());
    const { packageKey, decls } = engine.declare(text, location);
    index.setFile(file.path, packageKey, decls);
    const findings: Finding[] = [];
    const context: FileContext = {
      file,
      location,
      settings,
      types: new Resolver(file, index, packageKey),
      report: (descriptor) => findings.push(engine.toFinding(ruleById(ruleId).meta, file.path, descriptor)),
    };
    const before = process.cpuUsage();
    ruleById(ruleId).check(context);
    const used = process.cpuUsage(before);
    return { findings, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    tree.delete();
  }
}

/**
 * log-unstructured, a workspace rule, the way the engine runs it on one file: collect, then check. The CPU time
 * covers both; the facts go through JSON as they do between workers.
 */
async function checkWorkspaceRule(ruleId: string, source: (calls: number) => string): Promise<{ findings: Finding[]; cpuMs: number; smallCpuMs: number }> {
  const rule = RULES.find((r) => r.meta.id === ruleId) as WorkspaceRule;
  const once = async (text: string) => {
    const settings = defaultSettings();
    const engine = new Engine(settings, [rule]);
    const location: FileLocation = { path: 'gen/a.go', modulePath: 'example.com/gen', packageDir: 'gen', domain: '', goVersion: '1.22' };
    const tree = await parseGo(text);
    try {
      const file = new SourceFile('gen/a.go', text, tree);
      const index = new TypeIndex(knowledgeIndex());
      const { packageKey, decls } = engine.declare(text, location);
      index.setFile(file.path, packageKey, decls);
      const findings: Finding[] = [];
      const before = process.cpuUsage();
      const facts = JSON.parse(JSON.stringify(rule.collect(file, settings, location, new Resolver(file, index, packageKey))));
      rule.check({ settings, files: [{ location, facts }], report: (path, descriptor) => findings.push(engine.toFinding(rule.meta, path, descriptor)) });
      const used = process.cpuUsage(before);
      return { findings, cpuMs: (used.user + used.system) / 1000 };
    } finally {
      tree.delete();
    }
  };
  await once(source(3));
  const best = async (text: string) => {
    const runs = [await once(text), await once(text)];
    return { findings: runs[0].findings, cpuMs: Math.min(...runs.map((r) => r.cpuMs)) };
  };
  const small = await best(source(CALLS / 5));
  const large = await best(source(CALLS));
  return { findings: large.findings, cpuMs: large.cpuMs, smallCpuMs: small.cpuMs };
}

/** One finding for the whole file's calls, whose fix converts each call with a few edits. */
function assertOneDecision(findings: Finding[]): void {
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, new RegExp(`calls: ${CALLS}, files: 1`));
  assert.ok(findings[0].fixes[0].edits.length >= CALLS && findings[0].fixes[0].edits.length <= CALLS + 3, `${findings[0].fixes[0].edits.length} edits`);
  assert.ok(JSON.stringify(findings).length < 3_000 * CALLS);
}

/** The findings are capped with one notice, and no finding carries more than its own few edits. */
function assertLinear(findings: Finding[], ruleId: string, maxEditsPerFix: number): void {
  const notices = findings.filter((f) => f.messageId === 'notListed');
  assert.equal(notices.length, 1, `${ruleId}: one notice for the findings past the cap`);
  assert.match(notices[0].message, new RegExp(`${CALLS - FINDINGS_PER_FILE} more`));
  assert.equal(findings.length, FINDINGS_PER_FILE + 1);
  for (const finding of findings) {
    for (const fix of finding.fixes) assert.ok(fix.edits.length <= maxEditsPerFix, `${ruleId}: a fix with ${fix.edits.length} edits`);
  }
}

/**
 * Five times the calls may cost about five times the CPU, never the twenty-five times of a pass per call over the
 * file. A ratio, not a time limit: the absolute figures are bench/results/observability.md's, on a quiet machine.
 */
function within(t: TestContext, run: { cpuMs: number; smallCpuMs: number }, what: string): void {
  const ratio = run.cpuMs / Math.max(run.smallCpuMs, 20);
  t.diagnostic(`${what}: ${run.smallCpuMs.toFixed(0)} ms for ${CALLS / 5} calls, ${run.cpuMs.toFixed(0)} ms for ${CALLS}`);
  assert.ok(ratio < 12, `${what}: ${CALLS} calls cost ${ratio.toFixed(1)}× what ${CALLS / 5} did (${run.cpuMs.toFixed(0)} ms of CPU)`);
}

describe('observability rules on files with 5,000 calls', () => {
  it('log-unstructured: one log call per function', async (t) => {
    const run = await checkWorkspaceRule('log-unstructured', (n) => {
      let text = 'package gen\n\nimport "log"\n\n';
      for (let i = 0; i < n; i++) text += `func f${i}(id string, err error) {\n\tlog.Printf("order %s failed: %v", id, err)\n}\n\n`;
      return text;
    });
    assertOneDecision(run.findings);
    within(t, run, 'log-unstructured');
  });

  it('log-unstructured: 5,000 calls in one function', async (t) => {
    const run = await checkWorkspaceRule('log-unstructured', (n) => {
      let text = 'package gen\n\nimport "log"\n\nfunc big(id string, err error) {\n';
      for (let i = 0; i < n; i++) text += `\tlog.Printf("step ${i} order %s failed: %v", id, err)\n`;
      return text + '}\n';
    });
    assertOneDecision(run.findings);
    within(t, run, 'log-unstructured in one function');
  });

  it('log-error-no-fields: 5,000 error logs in one request handler', async (t) => {
    const run = await check('log-error-no-fields', (n) => {
      let text = 'package gen\n\nimport (\n\t"context"\n\t"log/slog"\n)\n\nfunc big(ctx context.Context, orderID string) {\n';
      for (let i = 0; i < n; i++) text += `\tslog.ErrorContext(ctx, "step failed", "step", ${i})\n`;
      return text + '}\n';
    });
    assertLinear(run.findings, 'log-error-no-fields', 1);
    within(t, run, 'log-error-no-fields');
  });

  it('trace-span-not-ended: 5,000 spans in one function', async (t) => {
    const run = await check('trace-span-not-ended', (n) => {
      let text = 'package gen\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel/trace"\n)\n\nfunc big(ctx context.Context, tr trace.Tracer) error {\n';
      for (let i = 0; i < n; i++) text += `\tctx, span${i} := tr.Start(ctx, "step")\n\tif ctx.Err() != nil {\n\t\treturn ctx.Err()\n\t}\n\tspan${i}.End()\n`;
      return text + '\treturn nil\n}\n';
    });
    assertLinear(run.findings, 'trace-span-not-ended', 2);
    within(t, run, 'trace-span-not-ended in one function');
  });

  it('trace-span-not-ended: 5,000 functions', async (t) => {
    const run = await check('trace-span-not-ended', (n) => {
      let text = 'package gen\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel/trace"\n)\n\n';
      for (let i = 0; i < n; i++) text += `func f${i}(ctx context.Context, tr trace.Tracer) error {\n\tctx, span := tr.Start(ctx, "step")\n\tif ctx.Err() != nil {\n\t\treturn ctx.Err()\n\t}\n\tspan.End()\n\treturn nil\n}\n\n`;
      return text;
    });
    assertLinear(run.findings, 'trace-span-not-ended', 2);
    within(t, run, 'trace-span-not-ended over functions');
  });

  it('metric-no-labels: 5,000 failure counters', async (t) => {
    const run = await check('metric-no-labels', (n) => {
      let text = 'package gen\n\nimport "github.com/prometheus/client_golang/prometheus"\n\n';
      for (let i = 0; i < n; i++) text += `var errs${i} = prometheus.NewCounter(prometheus.CounterOpts{Name: "errors_${i}_total"})\n\nfunc rec${i}(channel string) { errs${i}.Inc() }\n\n`;
      return text;
    });
    assertLinear(run.findings, 'metric-no-labels', 3);
    within(t, run, 'metric-no-labels');
  });
});
