/** The CLI's side of the baseline: where the file is, reading and writing it, fingerprinting findings. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BASELINE_FILE_NAME, BaselineEntry, fingerprint, linesOf, parseBaseline, serializeBaseline } from '../engine/baseline';
import type { Finding } from '../engine/types';
import { CONFIG_FILE_NAME, findUp } from './config-file';
import { Project, ruleEnabled, UsageError } from './project';

/** The baseline a run reads: the one named, else the nearest `.go-traps-baseline.json` above the first path. */
export async function findBaselineFile(explicit: string | undefined, firstPath: string): Promise<string | undefined> {
  if (explicit) return path.resolve(explicit);
  return findUp(BASELINE_FILE_NAME, firstPath);
}

/**
 * Where `go-traps baseline` writes: the file named, else the existing baseline above the first path, else
 * beside the team's `.go-traps.json`, else in the working directory.
 */
export async function baselineTarget(explicit: string | undefined, firstPath: string): Promise<string> {
  const existing = await findBaselineFile(explicit, firstPath);
  if (existing) return existing;
  const config = await findUp(CONFIG_FILE_NAME, firstPath);
  return path.join(config ? path.dirname(config) : process.cwd(), BASELINE_FILE_NAME);
}

/** The entries of a baseline file; a broken one stops the run with a message that says how to go on. */
export async function readBaselineFile(file: string, required: boolean): Promise<BaselineEntry[] | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    throw new UsageError(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    throw new UsageError(`${displayPath(file)}: ${(error as Error).message}; repair it, write it again with \`go-traps baseline\`, or pass --no-baseline`);
  }
}

export async function writeBaselineFile(file: string, entries: readonly BaselineEntry[]): Promise<void> {
  await fs.writeFile(file, serializeBaseline(entries));
}

/** The file's path relative to the working directory when it is below it, for messages. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Each finding with its fingerprint; files are read once each, paths made relative to the baseline's folder. */
export async function fingerprintFindings(findings: readonly Finding[], project: Project, baselineDir: string): Promise<{ item: Finding; entry: BaselineEntry }[]> {
  const lines = new Map<string, string[]>();
  const result: { item: Finding; entry: BaselineEntry }[] = [];
  for (const finding of findings) {
    let fileLines = lines.get(finding.path);
    if (!fileLines) {
      fileLines = linesOf(await Promise.resolve().then(() => project.read(finding.path)).catch(() => ''));
      lines.set(finding.path, fileLines);
    }
    const file = path.relative(baselineDir, path.resolve(project.base, finding.path)).split(path.sep).join('/');
    result.push({ item: finding, entry: fingerprint(finding, file, fileLines) });
  }
  return result;
}

/**
 * Which baseline entries this run can speak for: files below the paths analysed, rules that ran. The
 * others are neither reported as fixed nor dropped when the baseline is written again.
 */
export function baselineScope(project: Project, baselineDir: string): (entry: BaselineEntry) => boolean {
  return (entry) => {
    if (!ruleEnabled(project.settings, entry.rule)) return false;
    const absolute = path.resolve(baselineDir, entry.file);
    return project.roots.some((root) => absolute === root || absolute.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  };
}

/** `rule in file (function)`, how a fixed entry is named in messages. */
export function describeEntry(entry: BaselineEntry): string {
  return `${entry.rule} in ${entry.file}${entry.function ? ` (${entry.function})` : ''}${entry.count && entry.count > 1 ? ` ×${entry.count}` : ''}`;
}
