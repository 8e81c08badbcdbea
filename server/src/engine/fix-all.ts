/** Chooses which fixes can be applied together: safe ones, first come first served, none overlapping. */
import { editsOverlap } from './edits';
import type { FileEdit, Finding } from './types';

export interface FixPlan {
  /** Edits to apply, by path. */
  edits: Map<string, FileEdit[]>;
  /** How many findings' fixes were taken. */
  applied: number;
  /** Safe fixes left out because they overlapped one already taken (a second pass can pick them up). */
  deferred: number;
}

export function planFixes(findings: readonly Finding[], onlyPath?: string): FixPlan {
  const edits = new Map<string, FileEdit[]>();
  let applied = 0;
  let deferred = 0;
  for (const finding of findings) {
    if (onlyPath !== undefined && finding.path !== onlyPath) continue;
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix || fix.edits.length === 0) continue;
    if (onlyPath !== undefined && fix.edits.some((e) => e.path !== onlyPath)) continue;
    const conflicts = fix.edits.some((edit) => editsOverlap([edit], edits.get(edit.path) ?? []));
    // Import insertions are identical across fixes; keep one and let the others share it.
    const fresh = fix.edits.filter((edit) => !(edits.get(edit.path) ?? []).some((e) => sameEdit(e, edit)));
    const realConflict = conflicts && fresh.some((edit) => editsOverlap([edit], edits.get(edit.path) ?? []));
    if (realConflict) {
      deferred++;
      continue;
    }
    for (const edit of fresh) edits.set(edit.path, [...(edits.get(edit.path) ?? []), edit]);
    applied++;
  }
  return { edits, applied, deferred };
}

function sameEdit(a: FileEdit, b: FileEdit): boolean {
  return (
    a.path === b.path &&
    a.newText === b.newText &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
