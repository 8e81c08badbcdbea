/**
 * The architecture report as Markdown, for reviews and pull requests: the checklist, the measured coupling
 * and the findings of each concern. Pure text in, text out, so the client's export and the tests share it.
 */
import { ChecklistItem, ChecklistStatus, CouplingReport, PackagePlacement, RULE_DOCS_BASE_URL, SplitDecision } from '../protocol';
import { formatMessage } from '../engine/messages';
import type { Locale, Message } from '../engine/types';

export interface MarkdownReportInput {
  checklist: readonly ChecklistItem[];
  coupling?: CouplingReport;
  /** The calculator's current decision, when the user has one. */
  decision?: SplitDecision;
  /** Shown in the title, e.g. the workspace folder's name. */
  workspaceName?: string;
  /** Stated under the title; callers pass it so the output stays reproducible. */
  generatedAt?: string;
  filesIndexed?: number;
  /** True while the scan was still running: counts may be incomplete. */
  indexing?: boolean;
}

export interface MarkdownReportOptions {
  locale?: Locale;
  /** Turns a finding's URI into the text shown for it, e.g. a workspace-relative path. */
  label?: (uri: string) => string;
  /** Turns a finding's URI and 1-based line into a link target (relative to the report), or undefined for none. */
  href?: (uri: string, line: number) => string | undefined;
}

/** The rule's documentation page; the client has no rule registry, so the base comes from the protocol. */
function docsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

const TEXT = {
  title: { en: 'Architecture report', zh: '架构报告' },
  generated: { en: 'Generated {at} by Go Traps.', zh: '由 Go Traps 生成于 {at}。' },
  files: { en: '{count} Go {count:file|files} analyzed.', zh: '共分析 {count} 个 Go 文件。' },
  indexing: { en: 'The workspace scan was still running: counts may grow.', zh: '工作区扫描尚未完成:数字可能还会增加。' },
  summary: { en: '**{pass}** pass, **{warn}** warn, **{fail}** fail; **{findings}** {findings:finding|findings}.', zh: '**{pass}** 项通过,**{warn}** 项警告,**{fail}** 项失败;共 **{findings}** 处问题。' },
  checklist: { en: 'Checklist', zh: '检查清单' },
  status: { en: 'Status', zh: '状态' },
  concern: { en: 'Concern', zh: '关注点' },
  count: { en: 'Findings', zh: '问题数' },
  rules: { en: 'Rules', zh: '规则' },
  detail: { en: 'Detail', zh: '说明' },
  coupling: { en: 'Coupling', zh: '耦合度' },
  score: { en: 'Coupling score: **{score}** (0 = loose, 1 = tight; split line 0.65).', zh: '耦合度:**{score}**(0 = 松散,1 = 紧耦合;拆分线 0.65)。' },
  component: { en: 'Component', zh: '组成' },
  value: { en: 'Value', zh: '取值' },
  weight: { en: 'Weight', zh: '权重' },
  domains: { en: 'Domains: {list}.', zh: '业务领域:{list}。' },
  shared: { en: 'Shared database handles:', zh: '共享的数据库句柄:' },
  sharedTables: { en: 'Tables used by several domains:', zh: '被多个领域使用的表:' },
  decision: { en: 'Split decision', zh: '拆分决策' },
  actions: { en: 'Actions:', zh: '建议动作:' },
  findings: { en: 'Findings', zh: '问题列表' },
  none: { en: 'No findings.', zh: '没有发现问题。' },
  heading: { en: '{title}: {status}, {count} {count:finding|findings}', zh: '{title}:{status},{count} 处问题' },
  placements: { en: 'Domains', zh: '业务域' },
  placementsIntro: {
    en: '{count} business {count:domain|domains} ({list}); {apart} {apart:package|packages} set apart. db-shared-pool, the coupling score and the split decision compare these domains.',
    zh: '{count} 个业务域({list});{apart} 个包不算业务域。db-shared-pool、耦合度和拆分决策比较的就是这些业务域。',
  },
  package: { en: 'Package', zh: '包' },
  takenAs: { en: 'Taken as', zh: '判定为' },
  why: { en: 'Why', zh: '依据' },
  correct: {
    en: 'Wrong? Correct it with one setting in `.go-traps.json`: `"domains"` (domain → folder globs; it wins) or `"infrastructure"` (folder names that are never a domain).',
    zh: '判断有误?在 `.go-traps.json` 中用一项设置更正:`"domains"`(业务域 → 目录 glob,优先)或 `"infrastructure"`(永远不算业务域的目录名)。',
  },
} satisfies Record<string, Message>;

const STATUS_WORD: Record<ChecklistStatus, Message> = {
  pass: { en: 'pass', zh: '通过' },
  warn: { en: 'warn', zh: '警告' },
  fail: { en: 'fail', zh: '失败' },
};

/**
 * Inline text from the workspace (file, domain, table and handle names, messages): one line, and every
 * character that could open HTML, an entity, a link, emphasis or a code span backslash-escaped, so
 * `<img onerror=…>` stays text and a backtick cannot end a code span. (Characters that only act at the start
 * of a line, such as `#` or `-`, never start one here.)
 */
function inline(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>&~]/g, '\\$&');
}

/** Table cells: inline text whose pipes are escaped too. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

/**
 * A code span that holds any text: the fence is one backtick longer than the longest run inside, padded when
 * the text starts or ends with a backtick; HTML inside a code span is never interpreted.
 */
function code(text: string): string {
  const flat = text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Renders the report; the same input always gives the same text. */
export function renderReportMarkdown(input: MarkdownReportInput, options: MarkdownReportOptions = {}): string {
  const locale = options.locale ?? 'en';
  const label = options.label ?? ((uri: string) => uri);
  const statusWord = (status: ChecklistStatus) => (status === 'pass' ? say(STATUS_WORD[status]) : `**${say(STATUS_WORD[status])}**`);
  const say = (message: Message, data: Record<string, string | number> = {}) => formatMessage(message, locale, data);
  const lines: string[] = [];
  const title = say(TEXT.title);
  lines.push(`# ${input.workspaceName ? `${title}: ${inline(input.workspaceName)}` : title}`, '');
  const intro = [
    input.generatedAt ? say(TEXT.generated, { at: input.generatedAt }) : '',
    input.filesIndexed !== undefined ? say(TEXT.files, { count: input.filesIndexed }) : '',
    input.indexing ? say(TEXT.indexing) : '',
  ].filter(Boolean);
  if (intro.length > 0) lines.push(intro.join(' '), '');

  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const item of input.checklist) counts[item.status]++;
  const total = input.checklist.reduce((sum, item) => sum + item.findings.length, 0);
  lines.push(say(TEXT.summary, { ...counts, findings: total }), '');

  lines.push(`## ${say(TEXT.checklist)}`, '');
  lines.push(`| ${say(TEXT.status)} | ${say(TEXT.concern)} | ${say(TEXT.count)} | ${say(TEXT.rules)} | ${say(TEXT.detail)} |`, '|---|---|---:|---|---|');
  for (const item of input.checklist) {
    const rules = item.rules.map(code).join(', ') || '—';
    // Words, not emoji: a status must read the same without an emoji font.
    lines.push(`| ${statusWord(item.status)} | ${cell(item.title)} | ${item.findings.length} | ${rules} | ${cell(item.detail)} |`);
  }
  lines.push('');

  if (input.coupling) renderCoupling(input.coupling, lines, say);
  const placements = input.coupling?.placements ?? input.checklist.find((item) => item.placements)?.placements;
  if (placements && placements.length > 0) renderPlacements(placements, lines, say);
  if (input.decision) {
    lines.push(`## ${say(TEXT.decision)}`, '', `**${inline(input.decision.verdict)}**`, '');
    if (input.decision.actions.length > 0) {
      lines.push(say(TEXT.actions), '');
      for (const action of input.decision.actions) lines.push(`- ${inline(action)}`);
      lines.push('');
    }
  }

  lines.push(`## ${say(TEXT.findings)}`, '');
  if (total === 0) lines.push(say(TEXT.none), '');
  for (const item of input.checklist) {
    if (item.findings.length === 0) continue;
    const count = item.findings.length;
    lines.push(`### ${say(TEXT.heading, { title: inline(item.title), status: say(STATUS_WORD[item.status]), count })}`, '');
    for (const finding of item.findings) {
      const line = finding.range.start.line + 1;
      const where = `${label(finding.uri)}:${line}:${finding.range.start.character + 1}`;
      const target = options.href?.(finding.uri, line);
      const place = target ? `[${code(where)}](${target})` : code(where);
      lines.push(`- ${place} [${inline(finding.ruleId)}](${encodeURI(docsUrl(finding.ruleId))}) (${finding.severity}): ${inline(finding.message)}`);
    }
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

function renderCoupling(coupling: CouplingReport, lines: string[], say: (m: Message, d?: Record<string, string | number>) => string): void {
  lines.push(`## ${say(TEXT.coupling)}`, '', say(TEXT.score, { score: coupling.score.toFixed(2) }), '');
  lines.push(`| ${say(TEXT.component)} | ${say(TEXT.value)} | ${say(TEXT.weight)} | ${say(TEXT.detail)} |`, '|---|---:|---:|---|');
  for (const c of coupling.components) lines.push(`| ${cell(c.label)} | ${c.value.toFixed(2)} | ${c.weight} | ${cell(c.explanation)} |`);
  lines.push('');
  if (coupling.domains.length > 0) lines.push(say(TEXT.domains, { list: coupling.domains.map(inline).join(', ') }), '');
  if (coupling.sharedHandles.length > 0) {
    lines.push(say(TEXT.shared), '');
    for (const h of coupling.sharedHandles) lines.push(`- ${code(h.handle)}: ${h.domains.map(inline).join(', ')}`);
    lines.push('');
  }
  if (coupling.sharedTables && coupling.sharedTables.length > 0) {
    lines.push(say(TEXT.sharedTables), '');
    for (const t of coupling.sharedTables) lines.push(`- ${code(t.table)}: ${t.domains.map(inline).join(', ')}`);
    lines.push('');
  }
}

/** Which packages were taken as domains and why, and which were set apart: one row per package folder. */
function renderPlacements(rows: readonly PackagePlacement[], lines: string[], say: (m: Message, d?: Record<string, string | number>) => string): void {
  const domains = [...new Set(rows.filter((r) => r.role === 'domain').map((r) => r.domain))];
  const apart = rows.filter((r) => r.role !== 'domain').length;
  lines.push(`## ${say(TEXT.placements)}`, '', say(TEXT.placementsIntro, { count: domains.length, list: domains.map(inline).join(', ') || '—', apart }), '');
  lines.push(`| ${say(TEXT.package)} | ${say(TEXT.takenAs)} | ${say(TEXT.why)} |`, '|---|---|---|');
  const modules = new Set(rows.map((r) => r.module)).size;
  for (const row of rows) {
    const where = modules > 1 && row.module ? `${row.module}: ${row.dir}` : row.dir;
    const what = row.role === 'domain' ? `**${cell(row.what)}**` : cell(row.what);
    lines.push(`| ${code(where)} | ${what} | ${cell(row.reason)} |`);
  }
  lines.push('', say(TEXT.correct), '');
}
