/**
 * Baselined findings in the editor. A folder's `.go-traps-baseline.json` (written by `go-traps baseline`)
 * lists the findings the team accepted; `goTraps.baseline` says what the editor does with them: `hint`
 * shows them as hints (no squiggle, not in the Problems panel), `hide` drops them, `ignore` shows them like
 * any other finding. Matching is the CLI's: the same fingerprints, computed from the document's text.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BASELINE_FILE_NAME, BaselineEntry, fingerprint, linesOf, matchBaseline, parseBaseline } from '../engine/baseline';
import type { Finding, Locale } from '../engine/types';
import type { BaselineMode } from '../protocol';

const NOTE: Record<Locale, string> = { en: ' (in the baseline)', 'zh-cn': '（已在基线中）' };

/** True for the baseline file of any folder, as a watcher reports it. */
export function isBaselineFile(fsPath: string): boolean {
  return path.basename(fsPath) === BASELINE_FILE_NAME;
}

/** Each workspace folder's baseline entries, grouped by file; reloaded when the file changes. */
export class BaselineStore {
  private readonly byRoot = new Map<string, Map<string, BaselineEntry[]>>();

  constructor(private readonly warn: (message: string) => void) {}

  /** (Re)reads the baseline at a folder's root; a missing file means no baseline, a broken one is reported. */
  async load(root: string): Promise<void> {
    const file = path.join(root, BASELINE_FILE_NAME);
    let entries: BaselineEntry[] = [];
    try {
      entries = parseBaseline(await fs.readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`Go Traps: ${BASELINE_FILE_NAME}: ${(error as Error).message}; baselined findings are shown as new.`);
    }
    const byFile = new Map<string, BaselineEntry[]>();
    for (const entry of entries) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
    this.byRoot.set(root, byFile);
  }

  /** True when the baseline accepts findings in this file: only then does showing them need its text. */
  has(root: string | undefined, enginePath: string): boolean {
    return !!root && (this.byRoot.get(root)?.get(enginePath)?.length ?? 0) > 0;
  }

  /** The findings of one document as the setting wants them shown; `enginePath` is relative to `root`. */
  apply(root: string | undefined, enginePath: string, text: string, findings: readonly Finding[], mode: BaselineMode, locale: Locale): readonly Finding[] {
    const entries = root ? this.byRoot.get(root)?.get(enginePath) : undefined;
    if (mode === 'ignore' || !entries || findings.length === 0) return findings;
    const lines = linesOf(text);
    const { baselined } = matchBaseline(
      findings.map((finding) => ({ item: finding, entry: fingerprint(finding, enginePath, lines) })),
      entries,
    );
    if (baselined.length === 0) return findings;
    const accepted = new Set(baselined);
    if (mode === 'hide') return findings.filter((f) => !accepted.has(f));
    return findings.map((f) => (accepted.has(f) ? { ...f, severity: 'hint', message: f.message + NOTE[locale] } : f));
  }
}
