/**
 * The report formats CI systems read natively: GitHub workflow commands (annotations), GitLab Code
 * Quality JSON, JUnit XML and Checkstyle XML.
 */
import { createHash } from 'node:crypto';
import type { AnalyzeResult } from '../engine/analyze';
import type { BaselineEntry } from '../engine/baseline';
import type { Finding, Severity } from '../engine/types';
import { docsUrl } from '../traps/index';

const line = (f: Finding) => f.range.start.line + 1;
const column = (f: Finding) => f.range.start.character + 1;

/** The finding's message, its related places and the rule's documentation, as plain lines. */
function details(f: Finding): string {
  const notes = f.related.map((r) => `${r.path}:${r.range.start.line + 1}:${r.range.start.character + 1}: note: ${r.message}`);
  return [f.message, ...notes, `Docs: ${docsUrl(f.ruleId)}`].join('\n');
}

// ---- GitHub Actions ----------------------------------------------------------------------------------------

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Workflow command data: `%`, CR and LF are escaped; properties also escape `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One `::error|warning|notice title=…,file=…,line=…,endLine=…,col=…,endColumn=…::message` line per
 * finding (properties in the order GitHub's own toolkit writes them). The title names the rule.
 */
export function formatGithub(result: AnalyzeResult): string {
  return result.findings
    .map((f) => {
      const end = f.range.end;
      const properties: [string, string | number][] = [
        ['title', `go-traps ${f.ruleId}`],
        ['file', f.path],
        ['line', line(f)],
        ['endLine', end.line + 1],
        ['col', column(f)],
        ['endColumn', end.character + 1],
      ];
      const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      return `::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(details(f))}`;
    })
    .join('\n');
}

// ---- GitLab Code Quality -----------------------------------------------------------------------------------

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * GitLab Code Quality: an array of issues with stable fingerprints, so the merge request widget tells new
 * findings from old ones across commits. The fingerprint is the baseline's (rule, file, function, code
 * hash) plus the occurrence number among identical ones, hashed.
 */
export function formatGitlab(result: AnalyzeResult, fingerprints: readonly BaselineEntry[]): string {
  const seen = new Map<string, number>();
  const issues = result.findings.map((f, i) => {
    const fp = fingerprints[i];
    const key = [fp.rule, fp.file, fp.function, fp.hash].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return {
      description: f.message,
      check_name: f.ruleId,
      fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32),
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: f.path.replace(/^\.\//, ''), lines: { begin: line(f), end: Math.max(line(f), f.range.end.line + 1) } },
    };
  });
  return JSON.stringify(issues, null, 2);
}

// ---- XML: JUnit and Checkstyle ------------------------------------------------------------------------------

/** Text and attribute escaping, with characters XML 1.0 cannot carry dropped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function byPath(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.path, [...(groups.get(f.path) ?? []), f]);
  return [...groups];
}

/**
 * JUnit XML: one test suite per file with findings, one failed test case per finding (named by rule and
 * position, classname the file). A clean run is one passing case, so CI shows a green check, not nothing.
 */
export function formatJunit(result: AnalyzeResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = Math.max(1, result.findings.length);
  out.push(`<testsuites name="go-traps" tests="${total}" failures="${result.findings.length}" errors="0" time="0">`);
  if (result.findings.length === 0) {
    out.push(`  <testsuite name="go-traps" tests="1" failures="0" errors="0" skipped="0" time="0">`);
    out.push(`    <testcase name="${xml(`no traps in ${result.filesAnalyzed} files`)}" classname="go-traps" time="0"/>`);
    out.push('  </testsuite>');
  }
  for (const [file, findings] of byPath(result.findings)) {
    out.push(`  <testsuite name="${xml(file)}" tests="${findings.length}" failures="${findings.length}" errors="0" skipped="0" time="0">`);
    for (const f of findings) {
      const where = `${f.path}:${line(f)}:${column(f)}`;
      out.push(`    <testcase name="${xml(`${f.ruleId} ${where}`)}" classname="${xml(file)}" file="${xml(file)}" line="${line(f)}" time="0">`);
      out.push(`      <failure message="${xml(f.message)}" type="${f.severity}">${xml(`${where}: ${details(f)}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

const CHECKSTYLE_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/**
 * Checkstyle XML: `<file name>` per file, an `<error line column severity message source>` per finding.
 * The version attribute is the Checkstyle format's, as other linters write it, not ours.
 */
export function formatCheckstyle(result: AnalyzeResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [file, findings] of byPath(result.findings)) {
    out.push(`  <file name="${xml(file)}">`);
    for (const f of findings) {
      out.push(`    <error line="${line(f)}" column="${column(f)}" severity="${CHECKSTYLE_SEVERITY[f.severity]}" message="${xml(f.message)}" source="go-traps.${xml(f.ruleId)}"/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n');
}
