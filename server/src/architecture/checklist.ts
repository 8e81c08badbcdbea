/**
 * The architecture checklist: one item per concern of a small Go team's service, each with a status
 * (pass / warn / fail), the findings behind it and the rules that look for it. Concerns no rule measures
 * (pprof wired, goleak tests, the split decision) come from the collectors' per-file facts.
 */
import type { ChecklistItem, ChecklistStatus, WireFinding } from '../protocol';
import type { FileSummary } from '../engine/analyze';
import { CHECKLIST_FACTS_ID, ChecklistFacts } from './checklist-facts';
import type { Settings } from '../engine/config';
import { measureCoupling } from './coupling';
import { WorkspacePlacements } from '../engine/placements';
import { SPLIT_THRESHOLDS } from './split-model';
import { formatMessage } from '../engine/messages';
import type { Finding, Locale, Message } from '../engine/types';
import { RULES } from '../traps/index';

/** A concern checked by rules: its id, title and the rule ids (a contract across the product) behind it. */
interface RuleConcern {
  id: string;
  title: Message;
  rules: string[];
}

/** The rule-backed concerns, in the order the checklist shows them. */
export const RULE_CONCERNS: readonly RuleConcern[] = [
  { id: 'db-pool-per-domain', title: { en: 'Per-domain DB pools', zh: '按业务域隔离数据库连接池' }, rules: ['db-shared-pool'] },
  { id: 'query-deadlines', title: { en: 'Every query has a deadline', zh: '每条查询都有超时' }, rules: ['db-no-context', 'db-context-no-deadline'] },
  { id: 'pools-bounded', title: { en: 'Pools bounded (and opened safely)', zh: '连接池有上限(且安全打开)' }, rules: ['db-pool-unbounded', 'db-open-error-ignored'] },
  { id: 'structured-logs', title: { en: 'Structured logs with business ids', zh: '结构化日志带业务 ID' }, rules: ['log-unstructured', 'log-error-no-fields'] },
  { id: 'error-metrics', title: { en: 'Error metrics labelled', zh: '错误指标带标签' }, rules: ['metric-no-labels'] },
  { id: 'tracing', title: { en: 'Spans ended and HTTP entry traced', zh: 'Span 正确结束,HTTP 入口已接入追踪' }, rules: ['trace-span-not-ended', 'trace-gin-no-middleware'] },
  { id: 'config-validated', title: { en: 'Config validated and defaulted', zh: '配置经过校验且有默认值' }, rules: ['config-parse-unchecked', 'config-env-no-default', 'config-reload-unvalidated'] },
  { id: 'no-hardcoded-dsn', title: { en: 'No hard-coded or dev DSNs', zh: '没有硬编码或指向开发库的 DSN' }, rules: ['config-hardcoded-dsn'] },
  { id: 'outbound-http', title: { en: 'Outbound HTTP with timeouts and context', zh: '出站 HTTP 有超时并携带 context' }, rules: ['http-client-no-timeout', 'http-request-no-context'] },
  { id: 'goroutines', title: { en: 'Goroutines with exit paths and bounds', zh: 'goroutine 有退出路径和数量上限' }, rules: ['goroutine-no-exit', 'goroutine-unbounded', 'ws-read-no-deadline'] },
  { id: 'contexts', title: { en: 'Contexts not misused', zh: 'context 使用得当' }, rules: ['ctx-background-in-request', 'goroutine-ctx-cancelled', 'ctx-cancel-lost'] },
];

const TEXT = {
  pprofTitle: { en: 'pprof endpoint for leak diagnosis', zh: '用于排查泄漏的 pprof 端点' },
  goleakTitle: { en: 'Goroutine leak tests (goleak)', zh: 'goroutine 泄漏测试(goleak)' },
  splitTitle: { en: 'Split decision', zh: '拆分决策' },
  clean: { en: 'No findings from {rules}.', zh: '{rules} 没有发现问题。' },
  // The count itself is shown beside the detail (picker, report table): the detail says where and by what.
  found: { en: 'In {files} {files:file|files} from {rules}.', zh: '{rules} 在 {files} 个文件中发现问题。' },
  notChecked: {
    en: 'Not checked: {rules} turned off or not available.',
    zh: '未检查:{rules} 已关闭或不可用。',
  },
  partlyChecked: { en: ' Not checked: {rules}.', zh: ' 未检查:{rules}。' },
  pprofWired: { en: 'Wired in {path}.', zh: '已在 {path} 中接入。' },
  pprofMissing: {
    en: 'No program imports net/http/pprof: a goroutine or memory leak in production can only be diagnosed by restarting blind.',
    zh: '没有程序导入 net/http/pprof:生产环境出现 goroutine 或内存泄漏时,只能盲目重启。',
  },
  pprofLibrary: { en: 'No main package: a library does not serve pprof itself.', zh: '没有 main 包:库本身不需要提供 pprof。' },
  goleakPresent: { en: 'goleak is used in {path}.', zh: '{path} 中使用了 goleak。' },
  goleakMissing: {
    en: '{count} go {count:statement|statements} in {files} {files:file|files}, but no test imports go.uber.org/goleak: leaked goroutines pile up unnoticed until memory runs out.',
    zh: '{files} 个文件中有 {count} 处 go 语句,但没有测试导入 go.uber.org/goleak:泄漏的 goroutine 会悄悄堆积直到内存耗尽。',
  },
  goleakNoGoroutines: { en: 'The code starts no goroutines.', zh: '代码没有启动 goroutine。' },
  splitConverge: {
    en: 'Measured coupling {score} ≤ {limit}: no technical reason to split; converge. Add QPS and team size in the calculator.',
    zh: '实测耦合度 {score} ≤ {limit}:没有拆分的技术依据,先收敛。在计算器中补充 QPS 和团队规模。',
  },
  splitJustified: {
    en: 'Measured coupling {score} > {limit}: the one technical reason to split is there. Decide with the calculator.',
    zh: '实测耦合度 {score} > {limit}:具备主动拆分的技术依据。请用计算器做决策。',
  },
  splitFewDomains: {
    en: 'Fewer than two business domains found: nothing to split. Map domains in .go-traps.json if the layout hides them.',
    zh: '找到的业务领域少于两个:无可拆分。若目录结构看不出领域,请在 .go-traps.json 中配置。',
  },
  openCalculator: { en: 'Open Split-Threshold Calculator', zh: '打开拆分阈值计算器' },
  domainsTitle: { en: 'Business domains found', zh: '识别出的业务域' },
  domainsFound: {
    en: '{count} {count:domain|domains}: {list}. {apart} {apart:package|packages} set apart ({roles}). Correct with "domains" or "infrastructure" in .go-traps.json.',
    zh: '{count} 个业务域:{list}。{apart} 个包不算业务域({roles})。可在 .go-traps.json 的 "domains" 或 "infrastructure" 中更正。',
  },
  domainsNone: {
    en: 'No business domain found; {apart} {apart:package|packages} set apart ({roles}). Map domains with "domains" in .go-traps.json if the layout hides them.',
    zh: '没有找到业务域;{apart} 个包不算业务域({roles})。若目录结构看不出领域,请在 .go-traps.json 的 "domains" 中配置。',
  },
  more: { en: '{count} more', zh: '另有 {count} 个' },
  openConfig: { en: 'Open .go-traps.json', zh: '打开 .go-traps.json' },
} satisfies Record<string, Message>;

const say = formatMessage;

/** error → fail; warning, info or hint → warn; none → pass. */
export function statusOf(findings: readonly { severity: Finding['severity'] }[]): ChecklistStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}

function toWire(finding: Finding, toUri: (path: string) => string): WireFinding {
  return { uri: toUri(finding.path), ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range: finding.range };
}

/**
 * Builds the checklist for a workspace from its findings (after suppression) and file summaries.
 * `toUri` turns the engine's paths into the client's URIs; by default paths are kept as they are.
 */
export function buildChecklist(
  findings: Finding[],
  summaries: FileSummary[],
  settings: Settings,
  toUri: (path: string) => string = (path) => path,
): ChecklistItem[] {
  const locale = settings.locale;
  const registered = new Set(RULES.map((r) => r.meta.id));
  const items: ChecklistItem[] = RULE_CONCERNS.map((concern) => {
    const active = concern.rules.filter((id) => registered.has(id) && settings.rules[id] !== 'off');
    const inactive = concern.rules.filter((id) => !active.includes(id));
    const own = findings.filter((f) => concern.rules.includes(f.ruleId));
    const files = new Set(own.map((f) => f.path)).size;
    let status = statusOf(own);
    let detail: string;
    if (active.length === 0) {
      status = own.length > 0 ? status : 'warn';
      detail = say(TEXT.notChecked, locale, { rules: concern.rules.join(', ') });
    } else {
      detail = own.length > 0
        ? say(TEXT.found, locale, { files, rules: active.join(', ') })
        : say(TEXT.clean, locale, { rules: active.join(', ') });
      if (inactive.length > 0) detail += say(TEXT.partlyChecked, locale, { rules: inactive.join(', ') });
    }
    return { id: concern.id, title: say(concern.title, locale), status, detail, rules: [...concern.rules], findings: own.map((f) => toWire(f, toUri)) };
  });
  const placements = WorkspacePlacements.fromSummaries(summaries, settings);
  items.push(pprofItem(summaries, locale), goleakItem(summaries, locale), domainsItem(placements, settings), splitItem(summaries, settings, placements));
  return items;
}

function factsOf(summaries: readonly FileSummary[]): { path: string; facts: ChecklistFacts }[] {
  return summaries
    .filter((s) => s.facts[CHECKLIST_FACTS_ID] !== undefined)
    .map((s) => ({ path: s.location.path, facts: s.facts[CHECKLIST_FACTS_ID] as ChecklistFacts }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function pprofItem(summaries: readonly FileSummary[], locale: Locale): ChecklistItem {
  const facts = factsOf(summaries);
  const wired = facts.find((f) => f.facts.pprof);
  const hasMain = facts.some((f) => f.facts.main);
  const base = { id: 'pprof', title: say(TEXT.pprofTitle, locale), rules: [], findings: [] };
  if (wired) return { ...base, status: 'pass', detail: say(TEXT.pprofWired, locale, { path: wired.path }) };
  if (!hasMain) return { ...base, status: 'pass', detail: say(TEXT.pprofLibrary, locale) };
  return { ...base, status: 'warn', detail: say(TEXT.pprofMissing, locale) };
}

function goleakItem(summaries: readonly FileSummary[], locale: Locale): ChecklistItem {
  const facts = factsOf(summaries);
  const used = facts.find((f) => f.facts.goleak);
  const starting = facts.filter((f) => (f.facts.goStatements ?? 0) > 0);
  const count = starting.reduce((sum, f) => sum + (f.facts.goStatements ?? 0), 0);
  const base = { id: 'goleak', title: say(TEXT.goleakTitle, locale), rules: [], findings: [] };
  if (used) return { ...base, status: 'pass', detail: say(TEXT.goleakPresent, locale, { path: used.path }) };
  if (count === 0) return { ...base, status: 'pass', detail: say(TEXT.goleakNoGoroutines, locale) };
  return { ...base, status: 'warn', detail: say(TEXT.goleakMissing, locale, { count, files: starting.length }) };
}

/** How many names a one-line detail lists before "n more". */
const LISTED = 8;

/**
 * Which packages were taken as business domains and why, and which were set apart: the detail names the domains
 * with their reasons; the item carries every package for the client to list.
 */
function domainsItem(placements: WorkspacePlacements, settings: Settings): ChecklistItem {
  const locale = settings.locale;
  const rows = placements.rows(locale);
  const domains = new Map<string, string>();
  for (const row of rows) if (row.role === 'domain' && !domains.has(row.domain)) domains.set(row.domain, row.reason);
  const apart = rows.filter((r) => r.role !== 'domain');
  const roleCounts = new Map<string, number>();
  for (const row of apart) roleCounts.set(row.what, (roleCounts.get(row.what) ?? 0) + 1);
  const roles = [...roleCounts].map(([what, count]) => `${what}: ${count}`).join(', ') || '—';
  const named = [...domains].map(([domain, reason]) => `${domain} (${reason})`);
  const list = named.length > LISTED ? [...named.slice(0, LISTED), say(TEXT.more, locale, { count: named.length - LISTED })].join(', ') : named.join(', ');
  const detail = domains.size > 0 ? say(TEXT.domainsFound, locale, { count: domains.size, list, apart: apart.length, roles }) : say(TEXT.domainsNone, locale, { apart: apart.length, roles });
  return {
    id: 'domains',
    title: say(TEXT.domainsTitle, locale),
    status: 'pass',
    detail,
    rules: [],
    findings: [],
    placements: rows,
    command: { id: 'goTraps.openConfig', title: say(TEXT.openConfig, locale) },
  };
}

function splitItem(summaries: FileSummary[], settings: Settings, placements: WorkspacePlacements): ChecklistItem {
  const locale = settings.locale;
  const coupling = measureCoupling(summaries, settings, placements);
  const limit = SPLIT_THRESHOLDS.couplingScore;
  const base = {
    id: 'split-decision',
    title: say(TEXT.splitTitle, locale),
    rules: [],
    findings: [],
    command: { id: 'goTraps.openCalculator', title: say(TEXT.openCalculator, locale) },
  };
  if (coupling.domains.length < 2) return { ...base, status: 'pass', detail: say(TEXT.splitFewDomains, locale) };
  const justified = coupling.score > limit;
  const data = { score: coupling.score.toFixed(2), limit };
  return { ...base, status: justified ? 'warn' : 'pass', detail: say(justified ? TEXT.splitJustified : TEXT.splitConverge, locale, data) };
}
