/** The architecture checklist's statuses and the Markdown report built from it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChecklist, RULE_CONCERNS, statusOf } from '../server/src/architecture/checklist';
import { defaultSettings, Settings } from '../server/src/engine/config';
import MarkdownIt from 'markdown-it';
import { renderReportMarkdown } from '../server/src/architecture/report-markdown';
import { collectSummaries } from '../server/src/engine/summaries';
import type { Finding, Severity } from '../server/src/engine/types';
import { RULE_DOCS_BASE_URL } from '../server/src/protocol';
import type { ChecklistItem } from '../server/src/protocol';
import { DOCS_BASE_URL, RULES } from '../server/src/traps/index';

function finding(ruleId: string, severity: Severity, path = 'internal/store/db.go', line = 4): Finding {
  const range = { start: { line, character: 1 }, end: { line, character: 9 } };
  return { ruleId, path, range, severity, messageId: 'm', message: `${ruleId} | here`, related: [], fixes: [] };
}

async function summaries(sources: Record<string, string>, settings: Settings = defaultSettings()) {
  return collectSummaries(Object.keys(sources), (p) => sources[p], settings, [{ root: '', path: 'example.com/shop' }]);
}

const item = (items: ChecklistItem[], id: string) => {
  const found = items.find((i) => i.id === id);
  assert.ok(found, `no checklist item ${id}`);
  return found;
};

const MAIN = 'package main\n\nfunc main() {}\n';

describe('checklist', () => {
  it('lists the fourteen concerns of the issue, in order, with the domains found before the split decision', () => {
    const ids = buildChecklist([], [], defaultSettings()).map((i) => i.id);
    assert.deepEqual(ids, [
      'db-pool-per-domain', 'query-deadlines', 'pools-bounded', 'structured-logs', 'error-metrics', 'tracing', 'config-validated',
      'no-hardcoded-dsn', 'outbound-http', 'goroutines', 'contexts', 'pprof', 'goleak', 'domains', 'split-decision',
    ]);
  });

  it('files every registered rule under exactly one concern (the suppression checker aside)', () => {
    for (const rule of RULES) {
      if (rule.meta.id === 'invalid-suppression') continue;
      const owners = RULE_CONCERNS.filter((c) => c.rules.includes(rule.meta.id));
      assert.equal(owners.length, 1, `${rule.meta.id} belongs to ${owners.length} concerns`);
    }
  });

  it('maps severities to statuses: error fails, anything else warns, nothing passes', () => {
    assert.equal(statusOf([]), 'pass');
    assert.equal(statusOf([{ severity: 'hint' }, { severity: 'warning' }]), 'warn');
    assert.equal(statusOf([{ severity: 'info' }, { severity: 'error' }]), 'fail');
  });

  it('fails a concern with an error finding, counts its findings and converts paths to URIs', () => {
    const items = buildChecklist([finding('db-open-error-ignored', 'error')], [], defaultSettings(), (p) => `file:///ws/${p}`);
    const pools = item(items, 'pools-bounded');
    assert.equal(pools.status, 'fail');
    assert.equal(pools.findings.length, 1);
    assert.equal(pools.findings[0].uri, 'file:///ws/internal/store/db.go');
    assert.deepEqual(pools.rules, ['db-pool-unbounded', 'db-open-error-ignored']);
    assert.match(pools.detail, /^In 1 file from db-pool-unbounded/);
  });

  it('passes a checked concern without findings', () => {
    const pools = item(buildChecklist([], [], defaultSettings()), 'pools-bounded');
    assert.equal(pools.status, 'pass');
    assert.match(pools.detail, /No findings from .*db-open-error-ignored/);
  });

  it('warns, never passes, when every rule of a concern is turned off', () => {
    const settings = defaultSettings();
    settings.rules['db-open-error-ignored'] = 'off';
    settings.rules['db-pool-unbounded'] = 'off';
    const pools = item(buildChecklist([], [], settings), 'pools-bounded');
    assert.equal(pools.status, 'warn');
    assert.match(pools.detail, /Not checked/);
  });

  it('warns when a program serves no pprof endpoint, passes when one does or when there is no program', async () => {
    assert.equal(item(buildChecklist([], await summaries({ 'cmd/shop/main.go': MAIN }), defaultSettings()), 'pprof').status, 'warn');
    const wired = await summaries({ 'cmd/shop/main.go': MAIN, 'internal/server/debug.go': 'package server\n\nimport _ "net/http/pprof"\n' });
    const pprof = item(buildChecklist([], wired, defaultSettings()), 'pprof');
    assert.equal(pprof.status, 'pass');
    assert.match(pprof.detail, /internal\/server\/debug\.go/);
    const gin = await summaries({ 'cmd/shop/main.go': 'package main\n\nimport "github.com/gin-contrib/pprof"\n\nfunc main() { pprof.Register(nil) }\n' });
    assert.equal(item(buildChecklist([], gin, defaultSettings()), 'pprof').status, 'pass');
    const library = await summaries({ 'internal/user/user.go': 'package user\n' });
    assert.equal(item(buildChecklist([], library, defaultSettings()), 'pprof').status, 'pass');
  });

  it('does not take a test file\'s pprof or a runtime/pprof profile dump for a served endpoint', async () => {
    const sources = {
      'cmd/shop/main.go': 'package main\n\nimport "runtime/pprof"\n\nfunc main() { pprof.StartCPUProfile(nil) }\n',
      'cmd/shop/main_test.go': 'package main\n\nimport _ "net/http/pprof"\n',
    };
    assert.equal(item(buildChecklist([], await summaries(sources), defaultSettings()), 'pprof').status, 'warn');
  });

  it('wants goleak only when the code starts goroutines', async () => {
    const worker = 'package worker\n\nfunc Start() {\n\tgo func() {}()\n\tgo run()\n}\n\nfunc run() {}\n';
    const none = item(buildChecklist([], await summaries({ 'internal/worker/w.go': 'package worker\n' }), defaultSettings()), 'goleak');
    assert.equal(none.status, 'pass');
    const missing = item(buildChecklist([], await summaries({ 'internal/worker/w.go': worker }), defaultSettings()), 'goleak');
    assert.equal(missing.status, 'warn');
    assert.match(missing.detail, /^2 go statements in 1 file, but no test imports go\.uber\.org\/goleak/);
    const leakTest = 'package worker\n\nimport (\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n';
    const present = item(buildChecklist([], await summaries({ 'internal/worker/w.go': worker, 'internal/worker/main_test.go': leakTest }), defaultSettings()), 'goleak');
    assert.equal(present.status, 'pass');
  });

  it('links the split decision to the calculator and warns only when coupling crosses 0.65', async () => {
    const shared = await summaries({
      'internal/store/db.go': 'package store\n\nimport "database/sql"\n\nvar DB *sql.DB\n',
      'internal/user/user.go': 'package user\n\nimport (\n\t"example.com/shop/internal/order"\n\t"example.com/shop/internal/store"\n)\n\nfunc A() { _ = store.DB; order.B() }\n',
      'internal/order/order.go': 'package order\n\nimport "example.com/shop/internal/store"\n\nfunc B() { _ = store.DB }\n',
    });
    const tight = item(buildChecklist([], shared, defaultSettings()), 'split-decision');
    assert.equal(tight.status, 'warn', tight.detail);
    assert.deepEqual(tight.command, { id: 'goTraps.openCalculator', title: 'Open Split-Threshold Calculator' });
    const apart = await summaries({ 'internal/user/user.go': 'package user\n\nfunc A() {}\n', 'internal/order/order.go': 'package order\n\nfunc B() {}\n' });
    const loose = item(buildChecklist([], apart, defaultSettings()), 'split-decision');
    assert.equal(loose.status, 'pass');
    assert.match(loose.detail, /Measured coupling 0\.00 ≤ 0\.65/);
  });

  it('speaks Simplified Chinese when the locale is zh-cn', () => {
    const settings = defaultSettings();
    settings.locale = 'zh-cn';
    const items = buildChecklist([], [], settings);
    assert.equal(item(items, 'db-pool-per-domain').title, '按业务域隔离数据库连接池');
    for (const i of items) assert.match(i.title + i.detail, /[\u4e00-\u9fff]/);
  });
});

describe('Markdown report', () => {
  const checklist = () =>
    buildChecklist([finding('db-open-error-ignored', 'error'), finding('db-open-error-ignored', 'error', 'cmd/shop/main.go', 11)], [], defaultSettings(), (p) => `file:///ws/${p}`);

  it('states the summary, a checklist table and each concern\'s findings with 1-based positions and doc links', () => {
    const text = renderReportMarkdown(
      { checklist: checklist(), workspaceName: 'shop', generatedAt: '2026-11-25', filesIndexed: 12 },
      { label: (uri) => uri.replace('file:///ws/', '') },
    );
    assert.ok(text.startsWith('# Architecture report: shop\n\nGenerated 2026-11-25 by Go Traps. 12 Go files analyzed.\n'));
    assert.match(text, /\*\*2\*\* findings\./);
    assert.match(text, /\| Status \| Concern \| Findings \| Rules \| Detail \|\n\|---\|---\|---:\|---\|---\|/);
    assert.match(text, /\| \*\*fail\*\* \| Pools bounded \(and opened safely\) \| 2 \| `db-pool-unbounded`, `db-open-error-ignored` \| In 2 files from /);
    assert.match(text, /### Pools bounded \(and opened safely\): fail, 2 findings/);
    assert.ok(text.includes(`- \`internal/store/db.go:5:2\` [db-open-error-ignored](${RULE_DOCS_BASE_URL}db-open-error-ignored.md) (error): db-open-error-ignored | here`));
    assert.ok(text.includes('- `cmd/shop/main.go:12:2`'));
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
    // Glyphs that need an emoji font render as boxes without one: the report uses words.
    assert.doesNotMatch(text, /[\u2600-\u27bf\u{1f300}-\u{1faff}]/u);
  });

  it('links each location to its file and line when asked to, with paths encoded', () => {
    const text = renderReportMarkdown(
      { checklist: checklist(), filesIndexed: 1 },
      { label: (uri) => uri.replace('file:///ws/', ''), href: (uri, line) => `${encodeURI(uri.replace('file:///ws/', ''))}#L${line}` },
    );
    assert.ok(text.includes('- [`internal/store/db.go:5:2`](internal/store/db.go#L5) [db-open-error-ignored]'), text);
    assert.ok(text.includes('- [`cmd/shop/main.go:12:2`](cmd/shop/main.go#L12)'));
    assert.ok(text.includes('1 Go file analyzed.'));
  });

  it('escapes pipes in table cells so a message cannot break the table', () => {
    const items = checklist();
    items[0] = { ...items[0], detail: 'a | b\nc' };
    const row = renderReportMarkdown({ checklist: items }).split('\n').find((l) => l.includes('Per-domain DB pools'));
    assert.ok(row?.includes('a \\| b c'), row);
  });

  it('adds the coupling breakdown and the split decision when given', () => {
    const text = renderReportMarkdown({
      checklist: [],
      coupling: {
        score: 0.72,
        components: [{ id: 'imports', label: 'Import graph', value: 0.5, weight: 0.3, explanation: 'half' }],
        domains: ['order', 'user'],
        edges: [],
        sharedHandles: [{ handle: 'internal/store.DB', domains: ['order', 'user'] }],
        sharedTables: [{ table: 'users', domains: ['order', 'user'] }],
      },
      decision: { split: false, reasons: [], verdict: 'Converge: fix the monolith first', actions: ['Use feature flags'] },
    });
    assert.match(text, /Coupling score: \*\*0\.72\*\*/);
    assert.match(text, /\| Import graph \| 0\.50 \| 0\.3 \| half \|/);
    assert.match(text, /- `internal\/store\.DB`: order, user/);
    assert.match(text, /- `users`: order, user/);
    assert.match(text, /## Split decision\n\n\*\*Converge: fix the monolith first\*\*\n\nActions:\n\n- Use feature flags/);
    assert.match(text, /## Findings\n\nNo findings\./);
  });

  it('is reproducible and localised', () => {
    const input = { checklist: checklist(), generatedAt: '2026-11-25' };
    assert.equal(renderReportMarkdown(input), renderReportMarkdown(input));
    const zh = renderReportMarkdown(input, { locale: 'zh-cn' });
    assert.match(zh, /^# 架构报告/);
    assert.match(zh, /## 检查清单/);
  });

  it('links the same documentation pages as the rule registry', () => {
    assert.equal(RULE_DOCS_BASE_URL, DOCS_BASE_URL);
  });
});

describe('Markdown report from hostile names', () => {
  const XSS = '<img src=x onerror=alert(1)>';
  it('lets no raw HTML through: file, domain, table, handle and workspace names stay text', () => {
    const wire = { uri: 'file:///ws/a`<img src=x onerror=alert(1)>`.go', ruleId: 'db-open-error-ignored', severity: 'error' as const, message: `bad ${XSS} \`x\``, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    const text = renderReportMarkdown(
      {
        workspaceName: `ws ${XSS}`,
        checklist: [{ id: 'pools', title: `T ${XSS}`, status: 'fail', detail: `D ${XSS} | \`y\``, rules: ['db-open-error-ignored'], findings: [wire] }],
        coupling: {
          score: 0.5,
          components: [{ id: 'imports', label: XSS, value: 0.5, weight: 0.3, explanation: `E ${XSS}` }],
          domains: [XSS, 'a&lt;b'],
          edges: [],
          sharedHandles: [{ handle: '``db`` <script>', domains: [XSS] }],
          sharedTables: [{ table: '`orders`<img src=x onerror=alert(2)>', domains: ['user'] }],
        },
      },
      { label: (uri) => uri.replace('file:///ws/', '') },
    );
    const html = new MarkdownIt({ html: true }).render(text);
    assert.doesNotMatch(html, /<img|<script/i, html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is still shown, as text');
    assert.ok(html.includes('a&amp;lt;b'), 'an entity in a name is shown as typed');
    assert.ok(html.includes('a`&lt;img src=x onerror=alert(1)&gt;`.go:1:1'), 'a file name with backticks stays inside its code span');
  });
});
