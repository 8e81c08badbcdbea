/**
 * The baseline: findings a team accepted when it adopted Go Traps, so that only new ones are reported.
 * A finding is known by a fingerprint that survives unrelated edits: its rule, its file, the name of the
 * top-level function around it and a hash of the flagged code with whitespace normalized — never a line
 * number, so a blank line added at the top of a file changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Finding, Range } from './types';

export const BASELINE_FILE_NAME = '.go-traps-baseline.json';
const FORMAT_VERSION = 1;

/** One accepted finding (or `count` identical ones) in the baseline file. */
export interface BaselineEntry {
  rule: string;
  /** `/`-separated, relative to the baseline file's directory. */
  file: string;
  /** `Name` or `Type.Name` of the enclosing top-level function; '' at package level. */
  function: string;
  /** First 16 hex digits of the SHA-256 of the flagged code and its first line, whitespace normalized. */
  hash: string;
  /** How many findings share this fingerprint (omitted when 1). */
  count?: number;
}

const TOP_LEVEL = /^(func|var|const|type|import)\b/;
const FUNC = /^func\s*(?:\(\s*(?:\w+\s+)?\*?\s*(\w+)(?:\[[^\]]*\])?\s*\))?\s*(\w+)/;

/**
 * The top-level function a line belongs to, found by a text scan: the nearest declaration keyword at
 * column 0 at or above the line (gofmt puts every top-level declaration there). '' at package level.
 */
export function enclosingFunction(lines: readonly string[], line: number): string {
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const text = lines[i];
    if (!TOP_LEVEL.test(text)) continue;
    const match = FUNC.exec(text);
    if (!match) return '';
    return match[1] ? `${match[1]}.${match[2]}` : match[2];
  }
  return '';
}

/**
 * What the hash covers: the flagged text and the whole line it starts on, whitespace runs collapsed. The
 * line tells apart two findings on the same short text (`db` handed to three constructors).
 */
export function normalizedCode(lines: readonly string[], range: Range): string {
  const { start, end } = range;
  let text: string;
  if (start.line === end.line) text = (lines[start.line] ?? '').slice(start.character, end.character);
  else {
    const middle = lines.slice(start.line + 1, end.line);
    text = [(lines[start.line] ?? '').slice(start.character), ...middle, (lines[end.line] ?? '').slice(0, end.character)].join('\n');
  }
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  return `${collapse(text)}\n${collapse(lines[start.line] ?? '')}`;
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 16);
}

/** The splitting of a text into lines that the fingerprint functions expect. */
export function linesOf(text: string): string[] {
  return text.split(/\r?\n/);
}

/** A finding's fingerprint; `file` is the finding's path as the baseline names it. */
export function fingerprint(finding: Finding, file: string, lines: readonly string[]): BaselineEntry {
  return {
    rule: finding.ruleId,
    file,
    function: enclosingFunction(lines, finding.range.start.line),
    hash: hashCode(normalizedCode(lines, finding.range)),
  };
}

export function entryKey(entry: BaselineEntry): string {
  return [entry.rule, entry.file, entry.function, entry.hash].join('\u0000');
}

export interface BaselineMatch<T> {
  /** Not in the baseline: what gets reported. */
  fresh: T[];
  baselined: T[];
  /** Baseline entries (in scope) that no finding matched any more, with how many are gone. */
  fixed: BaselineEntry[];
}

/**
 * Splits findings into new and baselined, counting each fingerprint's entries down as findings match
 * them. Entries out of scope (files not analysed, rules turned off) are neither matched nor fixed.
 */
export function matchBaseline<T>(
  items: readonly { item: T; entry: BaselineEntry }[],
  entries: readonly BaselineEntry[],
  inScope: (entry: BaselineEntry) => boolean = () => true,
): BaselineMatch<T> {
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of entries) {
    const key = entryKey(entry);
    const known = remaining.get(key);
    if (known) known.left += entry.count ?? 1;
    else remaining.set(key, { entry, left: entry.count ?? 1 });
  }
  const fresh: T[] = [];
  const baselined: T[] = [];
  for (const { item, entry } of items) {
    const slot = remaining.get(entryKey(entry));
    if (slot && slot.left > 0) {
      slot.left--;
      baselined.push(item);
    } else fresh.push(item);
  }
  const fixed: BaselineEntry[] = [];
  for (const { entry, left } of remaining.values()) {
    if (left > 0 && inScope(entry)) fixed.push(withCount(entry, left));
  }
  return { fresh, baselined, fixed: sortEntries(fixed) };
}

function withCount(entry: BaselineEntry, count: number): BaselineEntry {
  const { count: _ignored, ...rest } = entry;
  return count === 1 ? rest : { ...rest, count };
}

/** Merges identical fingerprints into one entry with a count. */
export function mergeEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const merged = new Map<string, { entry: BaselineEntry; count: number }>();
  for (const entry of entries) {
    const key = entryKey(entry);
    const known = merged.get(key);
    if (known) known.count += entry.count ?? 1;
    else merged.set(key, { entry, count: entry.count ?? 1 });
  }
  return sortEntries([...merged.values()].map(({ entry, count }) => withCount(entry, count)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** File, then function, then rule, then hash: one file's entries stay together in a diff. */
export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort((a, b) => compare(a.file, b.file) || compare(a.function, b.function) || compare(a.rule, b.rule) || compare(a.hash, b.hash));
}

/** The file's text: one entry per line, so a diff of the baseline reads like a list of findings. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = mergeEntries(entries).map((e) => '    ' + JSON.stringify({ rule: e.rule, file: e.file, function: e.function, hash: e.hash, ...(e.count ? { count: e.count } : {}) }));
  return `{\n  "version": ${FORMAT_VERSION},\n  "findings": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

/** Parses a baseline file; throws an Error whose message says what is wrong, for the caller to report. */
export function parseBaseline(text: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  const object = raw as { version?: unknown; findings?: unknown };
  if (!object || typeof object !== 'object' || !Array.isArray(object.findings)) throw new Error('expected an object with a "findings" array');
  if (object.version !== FORMAT_VERSION) throw new Error(`unsupported version ${JSON.stringify(object.version)} (this go-traps reads version ${FORMAT_VERSION})`);
  return object.findings.map((item, index) => {
    const e = item as Partial<BaselineEntry>;
    const strings = ['rule', 'file', 'function', 'hash'] as const;
    for (const key of strings) {
      if (typeof e?.[key] !== 'string') throw new Error(`findings[${index}]: "${key}" must be a string`);
    }
    if (e.count !== undefined && !(Number.isInteger(e.count) && e.count > 0)) throw new Error(`findings[${index}]: "count" must be a positive whole number`);
    return { rule: e.rule!, file: e.file!, function: e.function!, hash: e.hash!, ...(e.count && e.count > 1 ? { count: e.count } : {}) };
  });
}
