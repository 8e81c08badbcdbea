/**
 * `go-traps baseline [paths...]`: accepts today's findings so that later runs report only new ones.
 * Entries of files below the paths are replaced by what the run finds now; entries elsewhere (or for rules
 * that did not run) are kept. `--prune` only drops entries that no longer match, and adds nothing.
 */
import * as path from 'node:path';
import { BaselineEntry, entryKey, matchBaseline, mergeEntries } from '../engine/baseline';
import { baselineScope, baselineTarget, displayPath, fingerprintFindings, readBaselineFile, writeBaselineFile } from './baseline-file';
import { analyzeProject, loadProject, ProjectOptions } from './project';

export interface BaselineOptions extends ProjectOptions {
  /** The baseline file to write (default: the nearest existing one, else beside `.go-traps.json`, else here). */
  baseline?: string;
  prune?: boolean;
}

export async function runBaseline(paths: string[], options: BaselineOptions): Promise<number> {
  const project = await loadProject(paths, options);
  const file = await baselineTarget(options.baseline, paths[0] ?? '.');
  const dir = path.dirname(file);
  const previous = (await readBaselineFile(file, false)) ?? [];
  if (options.prune && previous.length === 0) {
    process.stderr.write(`go-traps: no baseline to prune at ${displayPath(file)}\n`);
    return 0;
  }
  const result = await analyzeProject(project);
  const current = await fingerprintFindings(result.findings, project, dir);
  const inScope = baselineScope(project, dir);
  const kept = previous.filter((e) => !inScope(e));
  const known = previous.filter(inScope);

  let next: BaselineEntry[];
  if (options.prune) {
    // Keep what still matches, no more than was there: new findings are not accepted by a prune.
    const match = matchBaseline(current.map(({ entry }) => ({ item: entry, entry })), known);
    next = [...kept, ...match.baselined];
  } else next = [...kept, ...current.map(({ entry }) => entry)];

  const before = count(known);
  const now = count(next) - count(kept);
  const added = options.prune ? 0 : difference(next, previous);
  const removed = difference(previous, next);
  await writeBaselineFile(file, next);
  for (const problem of result.problems) {
    process.stderr.write(`go-traps: ${problem.path || 'workspace'}: rule ${problem.ruleId ?? '?'} failed: ${problem.message.split('\n')[0]}\n`);
  }
  const outside = count(kept) > 0 ? `; ${count(kept)} kept for files or rules outside this run` : '';
  process.stdout.write(
    `go-traps: wrote ${displayPath(file)}: ${now} finding${now === 1 ? '' : 's'} in ${result.filesAnalyzed} files (was ${before}: ${added} added, ${removed} fixed and dropped${outside})\n`,
  );
  return result.problems.length > 0 ? 2 : 0;
}

function count(entries: readonly BaselineEntry[]): number {
  return entries.reduce((n, e) => n + (e.count ?? 1), 0);
}

/** How many findings `a` holds beyond `b`, fingerprint by fingerprint. */
function difference(a: readonly BaselineEntry[], b: readonly BaselineEntry[]): number {
  const counts = new Map(mergeEntries(b).map((e) => [entryKey(e), e.count ?? 1]));
  let extra = 0;
  for (const e of mergeEntries(a)) extra += Math.max(0, (e.count ?? 1) - (counts.get(entryKey(e)) ?? 0));
  return extra;
}
