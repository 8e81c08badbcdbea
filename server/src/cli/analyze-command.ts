/**
 * `go-traps [paths...]`: analyse, optionally fix, hold back what the baseline accepted and what lies
 * outside the changed lines, then report in the format asked for.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeResult } from '../engine/analyze';
import { BaselineEntry, matchBaseline } from '../engine/baseline';
import { applyEdits } from '../engine/edits';
import { planFixes } from '../engine/fix-all';
import type { Finding, Locale } from '../engine/types';
import { RULES } from '../traps/index';
import { baselineScope, describeEntry, displayPath, findBaselineFile, fingerprintFindings, readBaselineFile } from './baseline-file';
import { ChangedLines, changedInPatch, changedSinceRevision, touchesChanges } from './changed-lines';
import { formatCheckstyle, formatGithub, formatGitlab, formatJunit } from './ci-formats';
import { formatJson, formatSarif, formatText, lineSafePath } from './format';
import { decodeUtf8Exactly, readRegularFile, writeRegularFile } from './safe-fs';
import { analyzeProject, loadProject, Project, ProjectOptions } from './project';
import { countOf } from '../engine/messages';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

export interface AnalyzeOptions extends ProjectOptions {
  format: Format;
  output?: string;
  fix?: boolean;
  exitZero?: boolean;
  /** A baseline file, or false for --no-baseline; undefined looks for the nearest one. */
  baseline?: string | false;
  newFromRev?: string;
  newFromPatch?: string;
}

/** What the report says beyond the findings: how many the baseline held back, which of its entries are fixed. */
interface Held {
  baseline?: { file: string; baselined: number; fixed: BaselineEntry[] };
  newCode?: { since: string; outside: number };
}

export async function runAnalyze(paths: string[], options: AnalyzeOptions): Promise<number> {
  const project = await loadProject(paths, options);
  // Read the change set before analysing: a bad revision should fail in a second, not after the run.
  const changes = await changeSet(options, project.base);
  let result = await analyzeProject(project);
  if (options.fix) result = await fixInPlace(project, result);

  const held: Held = {};
  let shown = result.findings;
  const baselineFile = options.baseline === false ? undefined : await findBaselineFile(options.baseline, paths[0] ?? '.');
  const entries = baselineFile ? await readBaselineFile(baselineFile, options.baseline !== undefined) : undefined;
  if (baselineFile && entries) {
    const dir = path.dirname(baselineFile);
    const match = matchBaseline(await fingerprintFindings(shown, project, dir), entries, baselineScope(project, dir));
    shown = match.fresh;
    held.baseline = { file: displayPath(baselineFile), baselined: match.baselined.length, fixed: match.fixed };
  }
  if (changes) {
    const kept = shown.filter((f) => touchesChanges(f, path.resolve(project.base, f.path), changes.lines));
    held.newCode = { since: changes.since, outside: shown.length - kept.length };
    shown = kept;
  }

  const reported: AnalyzeResult = { ...result, findings: shown };
  await writeReport(reported, options, project, held);
  for (const problem of result.problems) {
    const what = problem.ruleId ? `rule ${problem.ruleId} failed: ` : '';
    process.stderr.write(`go-traps: ${lineSafePath(problem.path || 'workspace')}: ${what}${problem.message.split('\n')[0]}\n`);
  }
  const noticed = result.skipped.filter((s) => !s.reason.startsWith('excluded') && !s.reason.startsWith('generated'));
  for (const skip of noticed) process.stderr.write(`go-traps: skipped ${lineSafePath(skip.path)}: ${skip.reason}\n`);
  if (result.problems.length > 0) return 2;
  return shown.length > 0 && !options.exitZero ? 1 : 0;
}

async function changeSet(options: AnalyzeOptions, cwd: string): Promise<{ since: string; lines: ChangedLines } | undefined> {
  if (options.newFromRev !== undefined) return { since: options.newFromRev, lines: await changedSinceRevision(options.newFromRev, cwd) };
  if (options.newFromPatch !== undefined) return { since: options.newFromPatch, lines: await changedInPatch(options.newFromPatch, cwd) };
  return undefined;
}

/**
 * Applies every safe fix; fixes can overlap or unlock others, so a few passes settle them. Every file of a
 * plan is read before any is written, so a fix spanning files is applied whole or not at all; a file that
 * must not be rewritten (see readForFix) keeps every fix that touches it out of the plan.
 */
async function fixInPlace(project: Project, first: AnalyzeResult): Promise<AnalyzeResult> {
  let result = first;
  const analysed = new Set(project.files);
  const refused = new Set<string>();
  const touchesRefused = (f: Finding) => refused.has(f.path) || f.fixes.some((x) => x.safe && x.edits.some((e) => refused.has(e.path)));
  for (let pass = 0; pass < 5; pass++) {
    let plan = planFixes(result.findings.filter((f) => !touchesRefused(f)));
    let texts = new Map<string, string>();
    for (let planned = false; !planned; ) {
      texts = new Map();
      for (const file of plan.edits.keys()) {
        const read = analysed.has(file) ? await readForFix(path.resolve(project.base, file)) : { reason: 'not among the files analyzed' };
        if ('text' in read) texts.set(file, read.text);
        else {
          refused.add(file);
          process.stderr.write(`go-traps: fixes not applied to ${lineSafePath(file)}: ${read.reason}\n`);
        }
      }
      planned = texts.size === plan.edits.size;
      if (!planned) plan = planFixes(result.findings.filter((f) => !touchesRefused(f)));
    }
    if (plan.applied === 0) break;
    for (const [file, edits] of plan.edits) await writeRegularFile(path.resolve(project.base, file), applyEdits(texts.get(file)!, edits));
    process.stderr.write(`go-traps: applied ${countOf(plan.applied, 'fix', 'fixes')} in ${countOf(plan.edits.size, 'file')}\n`);
    result = await analyzeProject(project);
  }
  return result;
}

/**
 * A file's text for fixing, or why it must not be rewritten: a link (never written through), not a regular
 * file, or bytes that are not UTF-8 (decoding would turn them into U+FFFD for good).
 */
async function readForFix(file: string): Promise<{ text: string } | { reason: string }> {
  try {
    const text = decodeUtf8Exactly(await readRegularFile(file));
    return text === undefined ? { reason: 'not valid UTF-8 (Go source must be); its bytes are left as they are' } : { text };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `(396 baselined; 1 baseline entry fixed …)`: what the findings count leaves out, or ''. */
function heldNote(held: Held): string {
  const parts: string[] = [];
  if (held.baseline) {
    parts.push(`${held.baseline.baselined} baselined`);
    const fixed = held.baseline.fixed.reduce((n, e) => n + (e.count ?? 1), 0);
    if (fixed === 1) parts.push('1 baseline entry fixed, `go-traps baseline --prune` drops it');
    else if (fixed > 1) parts.push(`${fixed} baseline entries fixed, \`go-traps baseline --prune\` drops them`);
  }
  if (held.newCode) parts.push(`${held.newCode.outside} outside the lines changed since ${held.newCode.since}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

async function writeReport(result: AnalyzeResult, options: AnalyzeOptions, project: Project, held: Held): Promise<void> {
  const locale: Locale = project.settings.locale;
  const summary = `${plural(result.findings.length, 'trap')} in ${plural(result.filesAnalyzed, 'file')}${heldNote(held)}`;
  let report: string;
  switch (options.format) {
    case 'json':
      report = formatJson(result, held);
      break;
    case 'sarif':
      report = formatSarif(result, RULES, locale);
      break;
    case 'github':
      report = formatGithub(result);
      break;
    case 'gitlab': {
      const fingerprints = await fingerprintFindings(result.findings, project, project.base);
      report = formatGitlab(result, fingerprints.map((f) => f.entry));
      break;
    }
    case 'junit':
      report = formatJunit(result);
      break;
    case 'checkstyle':
      report = formatCheckstyle(result);
      break;
    default: {
      const text = formatText(result);
      const fixed = (held.baseline?.fixed ?? []).map((e) => `fixed since the baseline: ${describeEntry(e)}`);
      report = [text, ...fixed, summary].filter(Boolean).join('\n');
    }
  }
  if (options.output) await fs.writeFile(options.output, report + '\n');
  else if (report) process.stdout.write(report + '\n');
  // Machine formats keep stdout to themselves; the summary goes to stderr for the person reading the log.
  if (options.format !== 'text') process.stderr.write(`go-traps: ${summary}\n`);
}
