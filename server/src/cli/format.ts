/** The CLI's output formats: text lines, JSON and SARIF 2.1.0. */
import { pathToFileURL } from 'node:url';
import type { AnalyzeResult } from '../engine/analyze';
import type { Rule } from '../engine/rule';
import type { Finding, Locale, Range, Severity } from '../engine/types';
import { docsUrl } from '../traps/index';
import { version } from '../../../package.json';

/** The package's version: the bundle carries it from package.json, so `--version` and reports never drift. */
export const TOOL_VERSION: string = version;

const at = (path: string, range: Range) => `${lineSafePath(path)}:${range.start.line + 1}:${range.start.character + 1}`;

/**
 * A path for one line of text output: control characters (a newline in a file name would split the line and
 * forge another finding) are written as escapes, the way Go's %q would.
 */
export function lineSafePath(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029\\]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** One line of message text: line breaks inside a message become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/**
 * `path:line:col: severity rule-id message`, one line per finding, 1-based like compilers print; related
 * locations follow as indented `note:` lines (grep for the first form still finds every finding), and a
 * `(fix: …)` line names the fix the editor or `--fix` would apply.
 */
export function formatText(result: AnalyzeResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${at(f.path, f.range)}: ${f.severity} ${f.ruleId} ${oneLine(f.message)}`);
    for (const r of f.related) lines.push(`    ${at(r.path, r.range)}: note: ${oneLine(r.message)}`);
    if (f.fixes.length > 0) lines.push(`    fix: ${oneLine(f.fixes.map((x) => x.title + (x.safe ? '' : ' (review)')).join('; '))}`);
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

/**
 * A path as a URI reference relative to %SRCROOT%: each segment percent-encoded, so `#` and `?` in a file name
 * stay part of the path instead of starting a fragment or a query. Absolute paths become `file:` URIs.
 */
export function sarifUri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : path.split('/').map(encodeURIComponent).join('/');
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

function artifactLocation(path: string) {
  return isAbsolute(path) ? { uri: sarifUri(path) } : { uri: sarifUri(path), uriBaseId: '%SRCROOT%' };
}

function sarifLocation(path: string, range: Range) {
  return { physicalLocation: { artifactLocation: artifactLocation(path), region: sarifRegion(range) } };
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
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd()).href.replace(/\/?$/, '/') } },
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
        artifactLocation: artifactLocation(path),
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
