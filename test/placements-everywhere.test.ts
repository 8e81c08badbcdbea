/**
 * "Which packages are business domains, and why" is answered once, by the engine, and every view shows that
 * answer: db-shared-pool's message, the coupling score, the checklist, the Markdown report, the calculator's
 * domain list and the checklist's package picker. The feed-reader fixture has two API front-ends under
 * internal/ whose folder names look like domains but whose code is mostly handlers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { buildChecklist } from '../server/src/architecture/checklist';
import { measureCoupling } from '../server/src/architecture/coupling';
import { renderReportMarkdown } from '../server/src/architecture/report-markdown';
import { analyzeSources } from '../server/src/engine/analyze';
import { defaultSettings, type Settings } from '../server/src/engine/config';
import { collectSummaries } from '../server/src/engine/summaries';
import type { PackagePlacement } from '../server/src/protocol';
import { placementGroups } from '../client/src/placement-picks';
import { loadRuleCases } from './support/fixtures';
import { FIXTURES_DIR } from './support/repo';
// The calculator page's own script: a UMD module, plain JavaScript shipped as is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { groupPlacements } = require('../client/media/domain-list.js') as {
  groupPlacements: (rows: PackagePlacement[]) => {
    domains: { name: string; label: string; folders: { dir: string; reason: string }[] }[];
    apart: { role: string; label: string; folders: { dir: string; reason: string }[] }[];
    apartCount: number;
  };
};

function feedReader() {
  const fixture = loadRuleCases(FIXTURES_DIR, 'db-shared-pool').find((c) => c.name === 'feed-reader/');
  assert.ok(fixture, 'no fixture db-shared-pool/feed-reader');
  return fixture;
}

async function summariesOf(sources: Record<string, string> | { path: string; text: string }[], settings: Settings, modules: { root: string; path: string }[]) {
  const byPath: Record<string, string> = Array.isArray(sources) ? Object.fromEntries(sources.map((s) => [s.path, s.text])) : sources;
  return collectSummaries(Object.keys(byPath), (p) => byPath[p], settings, modules);
}

describe('one answer to "which packages are domains", shown everywhere', () => {
  it('the coupling score, the checklist and the rule agree that handler packages are front-ends', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'en' as const };
    const summaries = await summariesOf(fixture.sources, settings, fixture.modules);
    const coupling = measureCoupling(summaries, settings);
    // internal/fever and internal/googlereader: by folder they would be domains; by code they are front-ends.
    assert.deepEqual(coupling.domains, ['reader']);
    const fever = coupling.placements?.find((p) => p.dir === 'internal/fever');
    assert.equal(fever?.role, 'transport');
    assert.equal(fever?.reason, 'transport: mostly handlers (2 of its 3 functions serve requests)');

    const domainsItem = buildChecklist([], summaries, settings).find((i) => i.id === 'domains');
    assert.ok(domainsItem);
    assert.match(domainsItem.detail, /^1 domain: reader \(internal\/<domain> layout\)\. 7 packages set apart \(batch runner: 1, transport front-end: 3, entry point: 1, infrastructure: 2\)\. Correct with "domains" or "infrastructure" in \.go-traps\.json\.$/);
    assert.deepEqual(domainsItem.placements, coupling.placements);
    assert.deepEqual(domainsItem.command, { id: 'goTraps.openConfig', title: 'Open .go-traps.json' });

    const result = await analyzeSources(fixture.sources, fixture.settings, fixture.modules);
    const pool = result.findings.filter((f) => f.ruleId === 'db-shared-pool');
    assert.equal(pool.length, 1);
    // Not "drawn on by 3 domains (fever, googlereader, reader)": the rule compares the same domains, so what is
    // left is the batch worker beside the front-ends' requests.
    assert.equal(pool[0].messageId, 'batchBesideInteractive');
    assert.doesNotMatch(pool[0].message, /domains/);
  });

  it('one setting corrects every view at once', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'en' as const, domains: { sync: ['internal/fever', 'internal/googlereader'] } };
    const summaries = await summariesOf(fixture.sources, settings, fixture.modules);
    const coupling = measureCoupling(summaries, settings);
    assert.deepEqual(coupling.domains, ['reader', 'sync']);
    assert.equal(coupling.placements?.find((p) => p.dir === 'internal/fever')?.reason, 'set by the domains setting (internal/fever)');
    const item = buildChecklist([], summaries, settings).find((i) => i.id === 'domains');
    assert.match(item?.detail ?? '', /^2 domains: reader \(internal\/<domain> layout\), sync \(set by the domains setting \(internal\/fever\)\)/);
  });

  it('the checklist item speaks Chinese with the engine\'s reasons', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'zh-cn' as const };
    const item = buildChecklist([], await summariesOf(fixture.sources, settings, fixture.modules), settings).find((i) => i.id === 'domains');
    assert.equal(item?.title, '识别出的业务域');
    assert.match(item?.detail ?? '', /^1 个业务域:reader \(internal\/<domain> 布局\)。7 个包不算业务域\(批处理: 1, /);
    assert.match(item?.placements?.find((p) => p.dir === 'internal/fever')?.reason ?? '', /^传输层:大多是请求处理函数/);
  });

  it('the Markdown report lists every package with what it was taken as and why', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'en' as const };
    const summaries = await summariesOf(fixture.sources, settings, fixture.modules);
    const text = renderReportMarkdown({ checklist: buildChecklist([], summaries, settings), coupling: measureCoupling(summaries, settings) });
    const section = text.slice(text.indexOf('## Domains'));
    assert.ok(text.includes('## Domains'), text);
    assert.match(section, /^1 business domain \(reader\); 7 packages set apart\./m);
    assert.match(section, /^\| `internal\/reader\/processor` \| \*\*domain reader\*\* \| internal\/\\<domain\\> layout \|$/m);
    assert.match(section, /^\| `internal\/fever` \| transport front-end \| transport: mostly handlers \(2 of its 3 functions serve requests\) \|$/m);
    assert.match(section, /^\| `internal\/storage` \| infrastructure \| internal\/storage\/ is listed in the infrastructure setting \|$/m);
    assert.match(section, /Correct it with one setting in `\.go-traps\.json`/);
    // Without a coupling report, the checklist's domains item carries the same rows.
    const fromChecklist = renderReportMarkdown({ checklist: buildChecklist([], summaries, settings) });
    assert.ok(fromChecklist.includes(section.slice(0, section.indexOf('\n## '))), 'the section differs without the coupling report');
  });

  it('the report keeps folder names and reasons as text', () => {
    const row: PackagePlacement = { dir: 'internal/<img src=x onerror=alert(1)>', module: 'm', files: 1, domain: 'a|b', role: 'domain', by: 'layout', what: 'domain a|b', reason: '<b>x</b>' };
    const text = renderReportMarkdown({ checklist: [{ id: 'domains', title: 'Business domains found', status: 'pass', detail: '', rules: [], findings: [], placements: [row] }] });
    const html = new MarkdownIt().render(text);
    assert.doesNotMatch(html, /<img|<b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<td><strong>domain a\|b<\/strong><\/td>/);
  });

  it('the calculator groups folders by domain and the rest by role, in the engine\'s order', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'en' as const };
    const coupling = measureCoupling(await summariesOf(fixture.sources, settings, fixture.modules), settings);
    const groups = groupPlacements(coupling.placements ?? []);
    assert.deepEqual(groups.domains.map((d) => [d.name, d.folders.map((f) => `${f.dir}: ${f.reason}`)]), [['reader', ['internal/reader/processor: internal/<domain> layout']]]);
    assert.deepEqual(groups.apart.map((g) => `${g.label}: ${g.folders.map((f) => f.dir).join(', ')}`), [
      'batch runner: internal/worker',
      'transport front-end: internal/fever, internal/googlereader, internal/ui',
      'entry point: internal/cli',
      'infrastructure: internal/metric, internal/storage',
    ]);
    assert.equal(groups.apartCount, 7);
    assert.deepEqual(groupPlacements([]), { domains: [], apart: [], apartCount: 0 });
  });

  it('the checklist\'s package picker shows domains, then what was set apart, each with its reason', async () => {
    const fixture = feedReader();
    const settings = { ...fixture.settings, locale: 'en' as const };
    const item = buildChecklist([], await summariesOf(fixture.sources, settings, fixture.modules), settings).find((i) => i.id === 'domains');
    const groups = placementGroups(item?.placements ?? [], 'en');
    assert.equal(groups.domains.title, 'Taken as business domains (1)');
    assert.equal(groups.apart.title, 'Set apart, not domains (7)');
    const fever = groups.apart.picks.find((p) => p.row.dir === 'internal/fever');
    assert.deepEqual(fever && [fever.label, fever.description, fever.detail], [
      '$(circle-slash) internal/fever',
      'transport front-end',
      'transport: mostly handlers (2 of its 3 functions serve requests) · 1 Go file',
    ]);
    assert.equal(placementGroups(item?.placements ?? [], 'zh-cn').domains.title, '判定为业务域(1)');
  });
});

describe('coupling follows the placements', () => {
  it('does not count a handler package under internal/ as a domain, unless the domains setting says so', async () => {
    const sources = {
      'internal/user/user.go': 'package user\n\nimport "example.com/shop/internal/order"\n\nfunc A() { order.B() }\n',
      'internal/order/order.go': 'package order\n\nfunc B() {}\n',
      'internal/api/api.go': 'package api\n\nfunc C() {}\n',
      'internal/admin/admin.go':
        'package admin\n\nimport (\n\t"net/http"\n\n\t"example.com/shop/internal/user"\n)\n\nfunc List(w http.ResponseWriter, r *http.Request) { user.A() }\n\nfunc Show(w http.ResponseWriter, r *http.Request) { user.A() }\n',
    };
    const modules = [{ root: '', path: 'example.com/shop' }];
    const settings = defaultSettings();
    const coupling = measureCoupling(await summariesOf(sources, settings, modules), settings);
    assert.deepEqual(coupling.domains, ['order', 'user']);
    assert.deepEqual(coupling.edges.map((e) => `${e.from}->${e.to}`), ['user->order']);
    const mapped = { ...defaultSettings(), domains: { admin: ['internal/admin'] } };
    const corrected = measureCoupling(await summariesOf(sources, mapped, modules), mapped);
    assert.deepEqual(corrected.domains, ['admin', 'order', 'user']);
    assert.deepEqual(corrected.edges.map((e) => `${e.from}->${e.to}`), ['admin->user', 'user->order']);
  });
});

describe('db-shared-pool follows the placements in its fix too', () => {
  const admin = [
    '// Package admin is a front-end of handlers over the domains.',
    'package admin',
    '',
    'import (',
    '\t"database/sql"',
    '\t"net/http"',
    ')',
    '',
    'type Admin struct{ db *sql.DB }',
    '',
    'func New(db *sql.DB) *Admin { return &Admin{db: db} }',
    '',
    'func (a *Admin) Users(w http.ResponseWriter, r *http.Request) { _, _ = a.db.ExecContext(r.Context(), "SELECT 1") }',
    '',
    'func (a *Admin) Orders(w http.ResponseWriter, r *http.Request) { _, _ = a.db.ExecContext(r.Context(), "SELECT 2") }',
    '',
  ].join('\n');

  function withAdmin() {
    const fixture = loadRuleCases(FIXTURES_DIR, 'db-shared-pool').find((c) => c.name === 'main-handoff/');
    assert.ok(fixture, 'no fixture db-shared-pool/main-handoff');
    const sources = fixture.sources.map((s) =>
      s.path.endsWith('cmd/shop/main.go')
        ? { ...s, text: s.text.replace('"example.com/shop/internal/coupon"', '"example.com/shop/internal/admin"\n\t"example.com/shop/internal/coupon"').replace('mux := http.NewServeMux()', '_ = admin.New(db)\n\n\tmux := http.NewServeMux()') }
        : s,
    );
    sources.push({ path: sources[0].path.replace(/(cmd|internal)\/.*$/, 'internal/admin/admin.go'), text: admin });
    return { ...fixture, sources };
  }

  it('offers the split where every hand-off goes to a domain, and none that would give a front-end a pool of its own', async () => {
    const fixture = loadRuleCases(FIXTURES_DIR, 'db-shared-pool').find((c) => c.name === 'main-handoff/');
    assert.ok(fixture);
    const plain = (await analyzeSources(fixture.sources, fixture.settings, fixture.modules)).findings.filter((f) => f.ruleId === 'db-shared-pool');
    assert.equal(plain.length, 1);
    assert.equal(plain[0].fixes.length, 1, 'the split is offered on the plain layout');

    const mixed = withAdmin();
    const findings = (await analyzeSources(mixed.sources, mixed.settings, mixed.modules)).findings.filter((f) => f.ruleId === 'db-shared-pool');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /drawn on by 3 domains \(coupon, order, user\)/);
    assert.deepEqual(findings[0].fixes, [], 'no fix that opens a pool for internal/admin, which is not a domain');
  });
});

