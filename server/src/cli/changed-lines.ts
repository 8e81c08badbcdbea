/**
 * New code only: the lines added or changed since a git revision (or in a patch), and whether a finding
 * touches them. Files git does not track yet count as wholly new.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { UsageError } from './project';

/** 1-based inclusive line spans per file; 'all' for a file that is new as a whole. */
export type ChangedLines = Map<string, [number, number][] | 'all'>;

/**
 * The lines each file of a unified diff adds, keyed by the path after `+++ b/` (or as given). Context and
 * removed lines are not changes of the new file; a hunk that only removes adds nothing.
 */
export function parseUnifiedDiff(text: string): Map<string, [number, number][]> {
  const changes = new Map<string, [number, number][]>();
  let spans: [number, number][] | undefined;
  let next = 0;
  let pendingOld: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('--- ')) {
      pendingOld = line;
      continue;
    }
    if (line.startsWith('+++ ') && pendingOld !== undefined) {
      pendingOld = undefined;
      const name = diffPath(line.slice(4));
      spans = name === undefined ? undefined : (changes.get(name) ?? []);
      if (name !== undefined && spans) changes.set(name, spans);
      continue;
    }
    pendingOld = undefined;
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (!spans || next === 0) continue;
    if (line.startsWith('+')) {
      const last = spans[spans.length - 1];
      if (last && last[1] === next - 1) last[1] = next;
      else spans.push([next, next]);
      next++;
    } else if (line.startsWith(' ')) next++;
    else if (line.startsWith('diff ')) spans = undefined;
  }
  return changes;
}

/** The path of a `+++` header: `b/` prefix and quotes removed, a tab-separated timestamp dropped; /dev/null is none. */
function diffPath(header: string): string | undefined {
  let name = header.split('\t')[0].trim();
  if (name.startsWith('"') && name.endsWith('"')) name = unquoteC(name.slice(1, -1));
  if (name === '/dev/null') return undefined;
  return name.startsWith('b/') ? name.slice(2) : name;
}

/** git's C-style quoting of unusual file names (octal bytes for non-ASCII). */
function unquoteC(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = text[++i];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 1 << 28, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

async function gitTopLevel(cwd: string, option: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || /not found|ENOENT/.test((error as Error).message);
    if (missing) throw new UsageError(`${option} needs git, and git was not found on the PATH`);
    throw new UsageError(`${option} needs a git repository, and ${cwd} is not inside one`);
  }
}

/** Lines added or changed in the working tree since `rev` (committed or not), plus untracked files. */
export async function changedSinceRevision(rev: string, cwd: string): Promise<ChangedLines> {
  const top = await gitTopLevel(cwd, '--new-from-rev');
  try {
    await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top);
  } catch {
    throw new UsageError(`--new-from-rev: "${rev}" is not a commit of the repository at ${top}`);
  }
  const diff = await git(['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', rev, '--'], top);
  const changes: ChangedLines = new Map();
  for (const [file, spans] of parseUnifiedDiff(diff)) changes.set(path.resolve(top, file), spans);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], top);
  for (const file of untracked.split('\0').filter(Boolean)) changes.set(path.resolve(top, file), 'all');
  return changes;
}

/** Lines a patch file adds; its paths are relative to the git repository's top (or the working directory outside one). */
export async function changedInPatch(patchFile: string, cwd: string): Promise<ChangedLines> {
  let text: string;
  try {
    text = await fs.readFile(patchFile, 'utf8');
  } catch (error) {
    throw new UsageError(`--new-from-patch: cannot read ${patchFile}: ${(error as Error).message}`);
  }
  const top = await git(['rev-parse', '--show-toplevel'], cwd).then((out) => out.trim(), () => cwd);
  const changes: ChangedLines = new Map();
  for (const [file, spans] of parseUnifiedDiff(text)) changes.set(path.resolve(top, file), spans);
  return changes;
}

/** True when the finding's lines overlap a changed span of its file (`absolutePath`). */
export function touchesChanges(finding: Finding, absolutePath: string, changes: ChangedLines): boolean {
  const spans = changes.get(absolutePath);
  if (!spans) return false;
  if (spans === 'all') return true;
  const first = finding.range.start.line + 1;
  const { end } = finding.range;
  // A range that ends at column 0 of a line stops before that line.
  const last = Math.max(first, end.character === 0 && end.line > finding.range.start.line ? end.line : end.line + 1);
  return spans.some(([from, to]) => from <= last && to >= first);
}
