/** The CLI's output formats: text lines, JSON and SARIF 2.1.0. */
import type { AnalyzeResult } from '../engine/analyze';
import type { Rule } from '../engine/rule';
import type { Finding, Locale, Range, Severity } from '../engine/types';
import { docsUrl } from '../traps/index';
import { version } from '../../../package.json';

/** The package's version: the bundle carries it from package.json, so `--version` and reports never drift. */
export const TOOL_VERSION: string = version;

const at = (path: string, range: Range) => `${path}:${range.start.line + 1}:${range.start.character + 1}`;

/**
 * `path:line:col: severity rule-id message`, one line per finding, 1-based like compilers print; related
 * locations follow as indented `note:` lines (grep for the first form still finds every finding), and a
 * `(fix: …)` line names the fix the editor or `--fix` would apply.
 */
export function formatText(result: AnalyzeResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${at(f.path, f.range)}: ${f.severity} ${f.ruleId} ${f.message}`);
    for (const r of f.related) lines.push(`    ${at(r.path, r.range)}: note: ${r.message}`);
    if (f.fixes.length > 0) lines.push(`    fix: ${f.fixes.map((x) => x.title + (x.safe ? '' : ' (review)')).join('; ')}`);
  }
  return lines.join('\n');
}

/** The whole result as JSON; `extra` adds what the run held back (baseline, new-code filter). */
export function formatJson(result: AnalyzeResult, extra: object = {}): string {
  return JSON.stringify(
    {
      version: TOOL_VERSION,
      ...extra,
      filesAnalyzed: result.filesAnalyzed,
      findings: result.findings.map((f) => ({ ...f, docs: docsUrl(f.ruleId) })),
      skipped: result.skipped,
      problems: result.problems,
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF regions are 1-based with 1-based columns; ends are exclusive like ours. */
function sarifRegion(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function sarifLocation(path: string, range: Range) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' }, region: sarifRegion(range) } };
}

export function formatSarif(result: AnalyzeResult, rules: readonly Rule[], locale: Locale): string {
  const text = (m: { en: string; zh: string }) => (locale === 'zh-cn' ? m.zh : m.en);
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'go-traps',
            version: TOOL_VERSION,
            informationUri: docsUrl('').replace(/docs\/rules\/\.md$/, ''),
            rules: rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.id,
              shortDescription: { text: text(r.meta.description) },
              fullDescription: { text: text(r.meta.why) },
              helpUri: docsUrl(r.meta.id),
              help: { text: `${text(r.meta.why)} ${docsUrl(r.meta.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
              properties: { trap: r.meta.trap, fixable: r.meta.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' + process.cwd().replace(/^\//, '').split('\\').join('/') + '/' } },
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId))),
        invocations: [
          {
            executionSuccessful: result.problems.length === 0,
            toolExecutionNotifications: [
              ...result.problems.map((p) => ({ level: 'error', message: { text: `${p.ruleId ?? 'engine'}: ${p.message.split('\n')[0]}` }, locations: p.path ? [sarifLocation(p.path, zeroRange)] : [] })),
              ...result.skipped.map((s) => ({ level: 'note', message: { text: `skipped: ${s.reason}` }, locations: [sarifLocation(s.path, zeroRange)] })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

const zeroRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function sarifResult(finding: Finding, ruleIndex: number | undefined) {
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [sarifLocation(finding.path, finding.range)],
    relatedLocations: finding.related.map((r, id) => ({ id, ...sarifLocation(r.path, r.range), message: { text: r.message } })),
    fixes: finding.fixes.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: groupByPath(fix.edits).map(([path, edits]) => ({
        artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' },
        replacements: edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })),
      })),
    })),
  };
}

function groupByPath<T extends { path: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.path, [...(groups.get(item.path) ?? []), item]);
  return [...groups];
}
